import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { keyTable } from '../../keys/key-table.ts';
import { describeReservationStoreContract, NOW, request, spotLeg } from './reservation-store.contract.ts';
import type { ReserveRequest } from './reservation-store.ts';
import { RedisReservationStore } from './redis-reservation-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
// a second connection, so concurrent scripts really arrive from two clients
const other = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(async () => {
  await redis.quit();
  await other.quit();
});

describeReservationStoreContract('RedisReservationStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    store: new RedisReservationStore(redis, prefix),
    twin: new RedisReservationStore(other, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('RedisReservationStore', () => {
  let prefix: string;
  let store: RedisReservationStore;
  let store2: RedisReservationStore;

  beforeEach(() => {
    prefix = testPrefix();
    store = new RedisReservationStore(redis, prefix);
    store2 = new RedisReservationStore(other, prefix);
  });

  afterEach(async () => {
    await deleteKeys(redis, `${prefix}:*`);
  });

  const reserve = (s: RedisReservationStore, r: ReserveRequest) => s.tryReserve(r, NOW, { reserve: true });

  describe('when 20 requests race for a limit that holds two of them', () => {
    it('reserves exactly two and the total never exceeds the limit', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          reserve(i % 2 === 0 ? store : store2, request(`i-${i}`, [spotLeg(0.5)])),
        ),
      );
      expect(results.filter((r) => r.reserved)).toHaveLength(2);
      for (const refused of results.filter((r) => !r.reserved))
        expect(refused.checks.filter((c) => !c.passed).map((c) => c.check)).toEqual(['max_position_size']);
      expect((await store.book(NOW)).entries['BTC/USDT']?.reserved).toBe(1);
    });
  });

  describe('with 2 000 live reservations', () => {
    it('checks against their aggregate: the book holds one entry per instrument', async () => {
      const many = Array.from({ length: 2_000 }, (_, i) => request(`r-${i}`, [spotLeg(0.0005)]));
      for (const r of many) expect((await reserve(store, r)).reserved).toBe(true);
      const book = await store.book(NOW);
      expect(Object.keys(book.entries)).toEqual(['BTC/USDT']);
      expect(book.entries['BTC/USDT']?.reserved).toBeCloseTo(1, 9);
      expect((await reserve(store, request('last', [spotLeg(0.001)]))).reserved).toBe(false);
    });
  });

  describe('the trading state', () => {
    const setState = (field: string, state: string) =>
      redis.hset(
        keyTable(prefix).tradingState(),
        field,
        JSON.stringify({ state, previous: 'ACTIVE', reason: 'test', changed_by: 'test', since: 'now' }),
      );
    const failed = async (r: ReserveRequest) =>
      (await reserve(store, r)).checks.filter((c) => !c.passed).map((c) => c.reason_code);

    it('HALTED refuses all but protective orders, at any scope, the strictest winning', async () => {
      await store.fill(
        {
          fillKey: 'f',
          intentId: null,
          strategyId: 's1',
          symbol: 'BTC/USDT',
          quantity: 0.5,
          price: 1,
          entryId: '1-0',
        },
        { nowMs: NOW, ttlMs: 60_000 },
      );
      await setState('underlying:BTC', 'HALTED');
      await setState('global', 'REDUCING');
      expect(await failed(request('a', [spotLeg(0.1, 'sell')]))).toEqual(['TRADING_HALTED']);
      expect(await failed(request('b', [spotLeg(0.1, 'sell')], { protective: true }))).toEqual([]);
      // flagged protective but raising |delta| on the book the script reads: the flag does not hold
      expect(await failed(request('c', [spotLeg(0.1)], { protective: true }))).toEqual(['TRADING_HALTED']);
      expect((await store.book(NOW)).tradingStates).toEqual({
        'underlying:BTC': 'HALTED',
        global: 'REDUCING',
      });
    });

    it('REDUCING admits only an order that reduces exposure', async () => {
      await store.fill(
        {
          fillKey: 'f',
          intentId: null,
          strategyId: 's1',
          symbol: 'BTC/USDT',
          quantity: 0.5,
          price: 1,
          entryId: '1-0',
        },
        { nowMs: NOW, ttlMs: 60_000 },
      );
      await setState('strategy:s1', 'REDUCING');
      expect(await failed(request('a', [spotLeg(0.1)]))).toEqual(['TRADING_REDUCING']);
      expect(await failed(request('b', [spotLeg(0.1, 'sell')]))).toEqual([]);
      expect(await failed(request('c', [spotLeg(0.1)], { strategyId: 's2' }))).toEqual([]);
    });
  });

  it('rejects non-finite figures before touching Redis', async () => {
    await expect(reserve(store, { ...request('a', [spotLeg(0.1)]), equity: NaN })).rejects.toThrow(
      /equity is not a finite number/,
    );
    expect(await store.list(NOW)).toEqual([]);
  });
});
