import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { InMemoryBus } from '../bus/in-memory-bus.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createMemorySnapshotStore } from '../stores/snapshots/memory-snapshot-store.ts';
import { loadSnapshot, PeriodicSnapshots, replayAfter, replayMerged } from './snapshotting.ts';

const FORMAT = { schema: 1, state: z.object({ n: z.number() }) };
const tick = (price: number) => ({ symbol: 'BTC/USDT', price, timestamp: '2026-03-02T09:15:04.120Z' });

describe('loadSnapshot', () => {
  it('treats a rejected snapshot as none and says why', async () => {
    const snapshots = createMemorySnapshotStore();
    snapshots.writeRaw('engine', 'garbage');
    const warn = vi.fn();
    const log = { ...silentLogger, warn };
    const loaded = await loadSnapshot(
      { snapshots, log, signal: new AbortController().signal },
      'engine',
      FORMAT,
    );
    expect(loaded).toBeNull();
    expect(warn).toHaveBeenCalledWith('snapshot rejected; rebuilding from the whole stream', {
      owner: 'engine',
      reason: 'not JSON',
    });
  });

  it('retries while the store fails, until it answers', async () => {
    const inner = createMemorySnapshotStore();
    await inner.save('engine', { schema: 1, covers: {}, takenAtMs: 0, state: { n: 5 } });
    let failures = 2;
    const snapshots = {
      ...inner,
      load: <T>(owner: string, format: Parameters<typeof inner.load<T>>[1]) =>
        failures-- > 0
          ? Promise.reject(new Error('LOADING Redis is loading the dataset in memory'))
          : inner.load(owner, format),
    };
    const signal = new AbortController().signal;
    const loaded = await loadSnapshot({ snapshots, log: silentLogger, signal }, 'engine', FORMAT);
    expect(loaded?.state).toEqual({ n: 5 });
  });
});

describe('replayAfter', () => {
  it('hands every entry after the given id up to the last one, then stops', async () => {
    const bus = new InMemoryBus();
    const ids = [];
    for (let p = 1; p <= 5; p += 1) ids.push(await bus.publish('market.tick', tick(p)));
    const prices: number[] = [];
    const signal = new AbortController().signal;
    const count = await replayAfter(
      bus,
      { name: 'market.tick', after: ids[1] ?? '', until: ids[3] ?? null, signal },
      (e) => prices.push(e.message.price),
    );
    expect(prices).toEqual([3, 4]);
    expect(count).toBe(2);
    expect(
      await replayAfter(bus, { name: 'market.tick', after: '0-0', until: null, signal }, () => undefined),
    ).toBe(0);
    await bus.close();
  });
});

describe('replayMerged', () => {
  it('hands the entries of several streams in publication order, each from its own id to its own last', async () => {
    const clock = new FakeClock();
    const bus = new InMemoryBus({ clock });
    const order: string[] = [];
    const at = '2026-03-02T09:15:04.120Z';
    const next = <T>(publish: () => Promise<T>) => {
      clock.advance(1);
      return publish();
    };
    const t1 = await next(() => bus.publish('market.tick', tick(1)));
    await next(() => bus.publish('market.macro_state', { regime_score: 1, timestamp: at }));
    const t2 = await next(() => bus.publish('market.tick', tick(2)));
    const m2 = await next(() => bus.publish('market.macro_state', { regime_score: 2, timestamp: at }));
    const t3 = await next(() => bus.publish('market.tick', tick(3)));
    await next(() => bus.publish('market.macro_state', { regime_score: 3, timestamp: at }));
    const signal = new AbortController().signal;
    const count = await replayMerged(
      bus,
      [
        { name: 'market.tick', after: t1, until: t3 },
        { name: 'market.macro_state', after: '0-0', until: m2 },
        { name: 'order.fill', after: '0-0', until: null },
      ],
      {
        signal,
        apply: (e) =>
          order.push(
            e.stream === 'market.tick' ? `tick ${e.id === t2 ? 2 : 3}` : `macro ${e.id === m2 ? 2 : 1}`,
          ),
      },
    );
    expect(order).toEqual(['macro 1', 'tick 2', 'macro 2', 'tick 3']);
    expect(count).toBe(4);
    await bus.close();
  });
});

describe('PeriodicSnapshots', () => {
  it('saves a last snapshot on close, and none while take() has nothing', async () => {
    const snapshots = createMemorySnapshotStore();
    let n: number | null = null;
    const periodic = new PeriodicSnapshots({ snapshots, log: silentLogger }, 'engine', () =>
      n === null ? null : { schema: 1, covers: { 'market.tick': '1-0' }, takenAtMs: 0, state: { n } },
    );
    periodic.start(0);
    await periodic.save();
    expect(await snapshots.load('engine', FORMAT)).toEqual({ status: 'none' });
    n = 7;
    await periodic.close();
    const reading = await snapshots.load('engine', FORMAT);
    expect(reading.status === 'ok' && reading.snapshot.state).toEqual({ n: 7 });
  });

  it('saves every interval', async () => {
    vi.useFakeTimers();
    try {
      const snapshots = createMemorySnapshotStore();
      let n = 0;
      const periodic = new PeriodicSnapshots({ snapshots, log: silentLogger }, 'risk-service', () => ({
        schema: 1,
        covers: {},
        takenAtMs: 0,
        state: { n: (n += 1) },
      }));
      periodic.start(1000);
      await vi.advanceTimersByTimeAsync(3000);
      const reading = await snapshots.load('risk-service', FORMAT);
      expect(reading.status === 'ok' && reading.snapshot.state).toEqual({ n: 3 });
    } finally {
      vi.useRealTimers();
    }
  });
});
