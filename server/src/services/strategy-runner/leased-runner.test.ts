import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createMemoryLeaseStore } from '../../stores/leases/lease-store.ts';
import { createMemorySnapshotStore } from '../../stores/snapshots/memory-snapshot-store.ts';
import { LeasedStrategyRunner } from './leased-runner.ts';

describe('LeasedStrategyRunner', () => {
  const bus = new InMemoryBus();
  const leases = createMemoryLeaseStore();
  const snapshots = createMemorySnapshotStore();
  const { instances } = loadConfig({ STRATEGIES: 'grid:BTC/USDT,grid:ETH/USDT' }).strategyRunner;
  const running: LeasedStrategyRunner[] = [];
  const process = () => {
    const runner = new LeasedStrategyRunner({
      bus,
      clock: systemClock,
      log: silentLogger,
      leases,
      snapshots,
      instances,
      newId: () => 'id',
      snapshotIntervalMs: 0,
      leaseTtlMs: 300,
    });
    running.push(runner);
    return runner;
  };
  afterEach(() => Promise.all(running.splice(0).map((r) => r.close())));

  describe('when two processes list the same instances', () => {
    it('runs each instance in exactly one of them, and moves them all to the one left when the other stops', async () => {
      const one = process();
      await one.start();
      expect(one.hosted().sort()).toEqual(['grid_btc', 'grid_eth']);
      const two = process();
      await two.start();
      await vi.waitFor(() => {
        expect(one.hosted()).toHaveLength(1);
        expect(two.hosted()).toHaveLength(1);
      });
      expect([...one.hosted(), ...two.hosted()].sort()).toEqual(['grid_btc', 'grid_eth']);
      await one.close();
      await vi.waitFor(() => expect(two.hosted().sort()).toEqual(['grid_btc', 'grid_eth']));
      // Whichever process ran an instance saved its snapshot when it gave it up or stopped
      const saved = await snapshots.load('strategy-runner:grid_btc', { schema: 1, state: z.unknown() });
      expect(saved.status).toBe('ok');
    });
  });
});
