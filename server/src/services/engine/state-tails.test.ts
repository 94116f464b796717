import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { silentLogger } from '../../lib/logger.ts';
import { StateTails } from './state-tails.ts';

const tick = (price: number) => ({
  symbol: 'BTC/USDT',
  price,
  volume: 0,
  bid: price,
  ask: price,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
});

let tails: StateTails | null = null;
let bus: InMemoryBus | null = null;
afterEach(async () => {
  await tails?.close();
  await bus?.close();
});

describe('StateTails', () => {
  it('follows a stream from just after the given id and every process sees every entry', async () => {
    bus = new InMemoryBus();
    const before = await bus.publish('market.tick', tick(1));
    const seen: number[][] = [[], []];
    const readers = [new StateTails(bus, silentLogger), new StateTails(bus, silentLogger)];
    readers.forEach((r, i) => r.follow('market.tick', before, (m) => void seen[i]?.push(m.price)));
    await bus.publish('market.tick', tick(2));
    await bus.publish('market.tick', tick(3));
    await Promise.all(readers.map((r) => r.caughtUp(5_000)));
    expect(seen).toEqual([
      [2, 3],
      [2, 3],
    ]);
    await Promise.all(readers.map((r) => r.close()));
  });

  it('reads from the start when the warm-up found the stream empty (0-0)', async () => {
    bus = new InMemoryBus();
    tails = new StateTails(bus, silentLogger);
    const prices: number[] = [];
    await bus.publish('market.tick', tick(7));
    tails.follow('market.tick', '0-0', (m) => void prices.push(m.price));
    await tails.caughtUp(5_000);
    expect(prices).toEqual([7]);
  });

  it('waits in caughtUp for an entry still being handled, and goes on after a handler error', async () => {
    bus = new InMemoryBus();
    tails = new StateTails(bus, silentLogger);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: number[] = [];
    tails.follow('market.tick', '0-0', async (m) => {
      if (m.price === 1) throw new Error('bad entry');
      if (m.price === 2) await gate;
      handled.push(m.price);
    });
    await bus.publish('market.tick', tick(1));
    await bus.publish('market.tick', tick(2));
    let done = false;
    const waiting = tails.caughtUp(5_000).then(() => (done = true));
    await vi.waitFor(() => expect(handled).toEqual([]));
    expect(done).toBe(false);
    release();
    await waiting;
    expect(handled).toEqual([2]);
  });

  it('keeps waiting in caughtUp past a round, logging, until the tail catches up', async () => {
    bus = new InMemoryBus();
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    tails = new StateTails(bus, log);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    tails.follow('market.tick', '0-0', () => gate);
    await bus.publish('market.tick', tick(1));
    let done = false;
    const waiting = tails.caughtUp(1).then(() => (done = true));
    await vi.waitFor(() => expect(warnings.length).toBeGreaterThanOrEqual(2));
    expect(done).toBe(false);
    expect(warnings[0]).toBe('engine state tails behind; still waiting');
    release();
    await waiting;
  });

  it('rejects caughtUp once the tails close while it waits', async () => {
    bus = new InMemoryBus();
    tails = new StateTails(bus, silentLogger);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    tails.follow('market.tick', '0-0', () => gate);
    await bus.publish('market.tick', tick(1));
    const waiting = tails.caughtUp(60_000);
    const closing = tails.close();
    await expect(waiting).rejects.toThrow(/engine state tails closed/);
    release();
    await closing;
  });
  describe('when several entries read together ask at once', () => {
    it('reads the newest ids once for all of them, and again for a call made after that read', async () => {
      bus = new InMemoryBus();
      let reads = 0;
      const counting = Object.assign(Object.create(bus) as InMemoryBus, {
        latest: (...args: Parameters<InMemoryBus['latest']>) => {
          reads += 1;
          return bus?.latest(...args) ?? Promise.resolve([]);
        },
      });
      tails = new StateTails(counting, silentLogger);
      tails.follow('market.tick', '0-0', () => undefined);
      const readAt = performance.now();

      await Promise.all([1, 2, 3].map(() => tails?.caughtUp(5_000, readAt)));
      expect(reads).toBe(1);

      await tails.caughtUp(5_000, readAt);
      expect(reads).toBe(1);
      await tails.caughtUp(5_000);
      expect(reads).toBe(2);
    });
  });
});
