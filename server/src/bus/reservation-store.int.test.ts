import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { createRedis } from './redis.ts';
import { ReservationStore, type ReserveRequest, type StoredReservation } from './reservation-store.ts';

const NOW = 1_772_442_904_120;
const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
// a second connection, so concurrent scripts really arrive from two clients
const other = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(async () => {
  await redis.quit();
  await other.quit();
});

const spotLeg = (quantity: number, side: 'buy' | 'sell' = 'buy') => ({
  symbol: 'BTC/USDT',
  side,
  quantity,
  mark: 100_000,
  spot: 100_000,
  optionType: null,
});

/** equity 1 000 000, BTC at 100 000, loose ratio limits; max 1 BTC per instrument unless set. */
const request = (
  intentId: string,
  legs: StoredReservation['legs'],
  over: Partial<ReserveRequest['limits']> & { equity?: number; held?: number } = {},
): ReserveRequest => ({
  reservation: { intentId, legs, expiresAtMs: NOW + 60_000 },
  equity: over.equity ?? 1_000_000,
  limits: {
    maxSinglePositionPct: over.maxSinglePositionPct ?? 1,
    maxGrossLeverage: over.maxGrossLeverage ?? 3,
    maxPositionRatio: over.maxPositionRatio ?? 1,
    minPositionRatio: over.minPositionRatio ?? 0,
    maxQty: over.maxQty ?? { 'BTC/USDT': 1 },
  },
  book: { 'BTC/USDT': { quantity: over.held ?? 0, value: 100_000, notional: 100_000 } },
});

describe('ReservationStore', () => {
  let prefix: string;
  let store: ReservationStore;
  let store2: ReservationStore;

  beforeEach(() => {
    prefix = testPrefix();
    store = new ReservationStore(redis, prefix);
    store2 = new ReservationStore(other, prefix);
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

  describe('when a reservation lives', () => {
    it('expires after its TTL and is released on execution_rejected', async () => {
      await store.reserve(request('a', [spotLeg(0.5)]), NOW);
      await store.reserve(request('b', [spotLeg(0.5)]), NOW);
      expect(await store.release('b')).toBe(true);
      expect(await store.release('b')).toBe(false);
      expect(await reservedBtc()).toBe(0.5);
      expect(await reservedBtc(NOW + 60_000)).toBe(0);
      expect(await store.reserve(request('c', [spotLeg(1)]), NOW + 60_000)).toEqual({ ok: true });
    });

    it('shrinks on a fill once per fill key, matches options by type and keeps the rest another TTL', async () => {
      const call = { ...spotLeg(1), symbol: 'BTC-20260306-100000-C', optionType: 'call' as const };
      const put = { ...spotLeg(1), symbol: 'BTC-20260306-100000-P', optionType: 'put' as const };
      await store.reserve(request('s', [call, put], { maxQty: {} }), NOW);
      const fill = {
        fillKey: '1-0',
        intentId: 's',
        symbol: 'BTC-20260306-105000-C',
        optionType: 'call' as const,
        quantity: 0.4,
      };
      const options = { nowMs: NOW + 30_000, ttlMs: 60_000, markerTtlS: 60 };
      expect(await store.fill(fill, options)).toBe('APPLIED');
      expect(await store2.fill(fill, options)).toBe('REPEATED');
      expect(await store.list(NOW)).toEqual([
        { intentId: 's', legs: [{ ...call, quantity: 0.6 }, put], expiresAtMs: NOW + 90_000 },
      ]);
      await store.fill({ ...fill, fillKey: '2-0', quantity: 0.6 }, options);
      await store.fill(
        { ...fill, fillKey: '3-0', symbol: put.symbol, optionType: 'put', quantity: 1 },
        options,
      );
      expect(await store.list(NOW)).toEqual([]);
    });
  });

  it('rejects non-finite figures before touching Redis', async () => {
    await expect(store.reserve({ ...request('a', [spotLeg(0.1)]), equity: NaN }, NOW)).rejects.toThrow(
      /equity is not a finite number/,
    );
    expect(await store.list(NOW)).toEqual([]);
  });
});
