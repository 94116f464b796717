import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadEnv } from '../../config/env.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import type { ServiceDeps } from '../service.ts';
import { createStrategyRunnerService } from './index.ts';

// The runner never touches Redis directly; the bus is its only I/O.
const unusedRedis = {} as Redis;

const depsWith = (vars: Record<string, string>): ServiceDeps => ({
  bus: new InMemoryBus(),
  clock: new FakeClock(),
  env: loadEnv(vars),
  log: silentLogger,
  redis: unusedRedis,
});

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
