import { describe, expect, it } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import type { ServiceDeps } from '../service.ts';
import { createStrategyRunnerService } from './index.ts';
import { createMemoryStores } from '../../stores/stores.ts';

const depsWith = (vars: Record<string, string>): ServiceDeps => {
  const bus = new InMemoryBus();
  return {
    bus,
    clock: new FakeClock(),
    config: loadConfig(vars),
    log: silentLogger,
    stores: createMemoryStores(bus),
  };
};

describe('createStrategyRunnerService', () => {
  describe('with the default environment', () => {
    it('builds the strategy-runner service hosting the default instances', async () => {
      const service = createStrategyRunnerService(depsWith({}));
      expect(service.name).toBe('strategy-runner');
      await service.start();
      await service.close();
    });
  });

  describe('with a bad per-instance override', () => {
    it('throws an Error naming the variable, so startup stops', () => {
      expect(() => createStrategyRunnerService(depsWith({ STRATEGY_GRID_BTC_GRID_SIZE: 'x' }))).toThrow(
        /STRATEGY_GRID_BTC_GRID_SIZE/,
      );
    });
  });
});
