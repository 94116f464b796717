import type { StreamInput, StreamName } from '@gamma/shared';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { streamKey } from '../keys/key-table.ts';
import type { Entry } from './bus.ts';
import { encodeMessage } from './codec.ts';
import { createRedis } from './redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from './redis-streams-bus.ts';
import { MAX_QUEUED_ENTRIES } from './redis-tail.ts';
import { readerConnectionName } from './stream-reader.ts';

const admin = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => admin.quit());

// Prices start at 1 (a tick's price is positive): `tick(n)` carries n + 1, read back by `prices`
const tick = (n: number): StreamInput<'market.tick'> => ({
  symbol: 'BTC/USDT',
  price: n + 1,
  volume: 1,
  bid: null,
  ask: null,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
});

/** How many connections `CLIENT LIST` shows under a name. */
async function connectionsNamed(name: string): Promise<number> {
  const list = await admin.client('LIST');
  return String(list)
    .split('\n')
    .filter((line) => line.includes(` name=${name} `)).length;
}

/** Collects a tail in the background until `signal` aborts. */
function collect<TName extends StreamName>(entries: AsyncIterable<Entry<TName>>): Entry<TName>[] {
  const seen: Entry<TName>[] = [];
  void (async () => {
    for await (const entry of entries) seen.push(entry);
  })();
  return seen;
}

const prices = (entries: readonly Entry<'market.tick'>[]): number[] =>
  entries.map((e) => e.message.price - 1);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('shared stream readers', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let stop: AbortController;

  beforeEach(() => {
    prefix = testPrefix();
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
    stop = new AbortController();
  });
  afterEach(async () => {
    stop.abort();
    await bus.close();
    await deleteKeys(admin, `${prefix}:*`);
  });

  describe('when many tails follow one stream', () => {
    it('they share one connection, which closes when the last tail stops', async () => {
      const tails = range(0, 20).map(() => collect(bus.tail('market.tick', { signal: stop.signal })));
      const name = readerConnectionName(prefix, 'market.tick');
      await expect.poll(() => connectionsNamed(name)).toBe(1);
      await expect
        .poll(async () => {
          await bus.publish('market.tick', tick(1));
          return tails.every((seen) => seen.length > 0);
        })
        .toBe(true);

      stop.abort();
      await expect.poll(() => connectionsNamed(name)).toBe(0);
      expect(bus.tailReaders).toBe(0);
    });
  });

  describe('when a tail resumes after an old id while entries keep coming', () => {
    it('gets the backfill then the live entries, without gap or repeat', async () => {
      const ids: string[] = [];
      for (const price of range(0, 250)) ids.push(await bus.publish('market.tick', tick(price)));
      const live = collect(bus.tail('market.tick', { signal: stop.signal }));
      await expect.poll(() => bus.tailReaders).toBe(1);

      const resumed = collect(bus.tail('market.tick', { after: ids[9] ?? null, signal: stop.signal }));
      for (const price of range(250, 400)) await bus.publish('market.tick', tick(price));

      await expect.poll(() => resumed.length).toBe(390);
      expect(prices(resumed)).toEqual(range(10, 400));
      await expect.poll(() => prices(live).at(-1)).toBe(399);
      expect(new Set(prices(live)).size).toBe(live.length);
    });
  });

  describe('when a tail falls more than the live queue behind its stream', () => {
    it('catches up from Redis and still gets every entry once, in order', async () => {
      const iterator = bus.tail('market.tick', { signal: stop.signal })[Symbol.asyncIterator]();
      const first = iterator.next();
      const pace = collect(bus.tail('market.tick', { signal: stop.signal }));
      await expect
        .poll(async () => {
          await bus.publish('market.tick', tick(-0.5));
          return pace.length > 0;
        })
        .toBe(true);
      await first;
      const total = MAX_QUEUED_ENTRIES + 500;
      const pipeline = admin.pipeline();
      const data = (price: number) => encodeMessage('market.tick', tick(price));
      for (const price of range(0, total))
        pipeline.xadd(streamKey(prefix, 'market.tick'), '*', 'data', data(price));
      await pipeline.exec();
      // The reader has handed every entry out, so the idle tail's queue went past its bound
      await expect.poll(() => prices(pace).at(-1), { timeout: 30_000 }).toBe(total - 1);

      const seen: number[] = [];
      while (seen.at(-1) !== total - 1) {
        const next = await iterator.next();
        if (next.done === true) break;
        if (next.value.message.price >= 1) seen.push(next.value.message.price - 1);
      }
      expect(seen).toEqual(range(0, total));
      await iterator.return?.();
    });
  });
});
