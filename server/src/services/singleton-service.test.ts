import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../bus/in-memory-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createMemoryStores } from '../stores/stores.ts';
import type { ServiceDeps } from './service.ts';
import { SingletonService } from './singleton-service.ts';

describe('SingletonService', () => {
  const bus = new InMemoryBus();
  const deps: ServiceDeps = {
    bus,
    clock: systemClock,
    config: loadConfig({ LEASE_TTL_MS: '300' }),
    log: silentLogger,
    stores: createMemoryStores(bus),
  };
  const log: string[] = [];
  const processes: SingletonService[] = [];
  const process = (name: string) => {
    const service = new SingletonService(deps, 'market-simulator', () => ({
      name: 'market-simulator',
      start: () => Promise.resolve(void log.push(`${name} start`)),
      close: () => Promise.resolve(void log.push(`${name} close`)),
    }));
    processes.push(service);
    return service;
  };
  afterEach(() => Promise.all(processes.splice(0).map((p) => p.close())));

  describe('when two processes host it', () => {
    it('runs it in one only, and in the other once the first stops', async () => {
      const one = process('one');
      const two = process('two');
      await one.start();
      await two.start();
      expect([one.active(), two.active()]).toEqual([true, false]);
      await one.close();
      await vi.waitFor(() => expect(two.active()).toBe(true));
      expect(log).toEqual(['one start', 'one close', 'two start']);
    });
  });
});
