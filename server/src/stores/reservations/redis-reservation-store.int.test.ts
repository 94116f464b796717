import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeReservationStoreContract, NOW, request, spotLeg } from './reservation-store.contract.ts';
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

  const reservedBtc = async (nowMs = NOW) =>
    (await store.list(nowMs))
      .flatMap((r) => r.legs)
      .reduce((sum, l) => sum + (l.side === 'buy' ? l.quantity : -l.quantity), 0);

  describe('when 20 requests race for a limit that holds two of them', () => {
    it('reserves exactly two and the total never exceeds the limit', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? store : store2).reserve(request(`i-${i}`, [spotLeg(0.5)]), NOW),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      expect(results.filter((r) => !r.ok)).toEqual(
        Array.from({ length: 18 }, () =>
          expect.objectContaining({ ok: false, failed: ['max_position_size'] }),
        ),
      );
      expect(await reservedBtc()).toBe(1);
    });
  });

  describe('when a request fails', () => {
    it('names the failing checks, returns the live reservations and writes nothing', async () => {
      expect(await store.reserve(request('a', [spotLeg(0.6)]), NOW)).toEqual({ ok: true });
      const refused = await store.reserve(
        request('b', [spotLeg(0.6)], { maxSinglePositionPct: 0.1, maxGrossLeverage: 0.1 }),
        NOW,
      );
      expect(refused).toEqual({
        ok: false,
        failed: ['max_position_size', 'single_position_share', 'gross_leverage'],
        reservations: [{ intentId: 'a', legs: [spotLeg(0.6)], expiresAtMs: NOW + 60_000 }],
      });
      expect((await store.list(NOW)).map((r) => r.intentId)).toEqual(['a']);
    });

    it('vetoes a position ratio pushed above its max by reservations but lets a reducing order through', async () => {
      // held 2 BTC = 200 000 of equity 1 000 000; a reservation of 2 more puts the ratio at 0.4
      const limits = { maxPositionRatio: 0.45, maxQty: {}, held: 2 };
      expect(await store.reserve(request('a', [spotLeg(2)], limits), NOW)).toEqual({ ok: true });
      expect(await store.reserve(request('b', [spotLeg(1)], limits), NOW)).toMatchObject({
        ok: false,
        failed: ['position_ratio'],
      });
      expect(await store.reserve(request('c', [spotLeg(1, 'sell')], limits), NOW)).toEqual({ ok: true });
    });

    it('counts a reserved instrument the request does not mention at its stored figures', async () => {
      const eth = { symbol: 'ETH/USDT', side: 'buy' as const, quantity: 100, mark: 3_000, spot: 3_000 };
      await store.reserve(
        { ...request('eth', [{ ...eth, optionType: null }], { maxQty: {} }), book: {} },
        NOW,
      );
      // 300 000 of ETH reserved + 200 000 of BTC ordered = 0.5 gross leverage > 0.4
      expect(
        await store.reserve(request('btc', [spotLeg(2)], { maxGrossLeverage: 0.4, maxQty: {} }), NOW),
      ).toMatchObject({ ok: false, failed: ['gross_leverage'] });
    });
  });

  it('rejects non-finite figures before touching Redis', async () => {
    await expect(store.reserve({ ...request('a', [spotLeg(0.1)]), equity: NaN }, NOW)).rejects.toThrow(
      /equity is not a finite number/,
    );
    expect(await store.list(NOW)).toEqual([]);
  });
});
