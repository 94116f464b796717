import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReservationStore, ReserveRequest, StoredReservation } from './reservation-store.ts';

/** A reservation store prepared for the contract suite. */
export interface ReservationStoreUnderTest {
  store: ReservationStore;
  /** Another handle on the same reservations (Redis: another client; memory: the same store) */
  twin: ReservationStore;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

/** The fixtures' clock, epoch ms. */
export const NOW = 1_772_442_904_120;

/** A BTC spot leg valued at 100 000. */
export const spotLeg = (quantity: number, side: 'buy' | 'sell' = 'buy') => ({
  symbol: 'BTC/USDT',
  side,
  quantity,
  mark: 100_000,
  spot: 100_000,
  optionType: null,
});

/** equity 1 000 000, BTC at 100 000, loose ratio limits; max 1 BTC per instrument unless set. */
export const request = (
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

const TTL = { ttlMs: 60_000 };

/**
 * What every `ReservationStore` shares (SPEC §5.3 item 9): reserving within the limits, expiry, release on
 * `execution_rejected`, and fills applied once per fill key. How a store refuses a request (the Redis
 * script re-checks limits; memory compares snapshots) is tested per adapter.
 */
export function describeReservationStoreContract(
  name: string,
  makeStore: () => Promise<ReservationStoreUnderTest>,
): void {
  describe(`${name} (reservation store contract)`, () => {
    let harness: ReservationStoreUnderTest;
    let store: ReservationStore;
    // Reserves on the store's own view, so an optimistic store does not refuse
    const reserve = async (r: ReserveRequest, nowMs = NOW) =>
      store.tryReserve(r, await store.list(nowMs), nowMs);
    const reservedBtc = async (nowMs = NOW) =>
      (await store.list(nowMs))
        .flatMap((r) => r.legs)
        .reduce((sum, l) => sum + (l.side === 'buy' ? l.quantity : -l.quantity), 0);

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(() => harness.dispose());

    it('reserves within the limits and replaces an earlier reservation of the same intent', async () => {
      expect(await reserve(request('a', [spotLeg(0.5)]))).toEqual({ ok: true });
      expect(await reserve(request('a', [spotLeg(0.25)]))).toEqual({ ok: true });
      expect(await store.list(NOW)).toEqual([
        { intentId: 'a', legs: [spotLeg(0.25)], expiresAtMs: NOW + 60_000 },
      ]);
    });

    it('expires after its TTL and is released on execution_rejected', async () => {
      await reserve(request('a', [spotLeg(0.5)]));
      await reserve(request('b', [spotLeg(0.5)]));
      expect(await store.release('b')).toBe(true);
      expect(await store.release('b')).toBe(false);
      expect(await reservedBtc()).toBe(0.5);
      expect(await reservedBtc(NOW + 59_999)).toBe(0.5);
      expect(await reservedBtc(NOW + 60_000)).toBe(0);
      expect(await reserve(request('c', [spotLeg(1)]), NOW + 60_000)).toEqual({ ok: true });
    });

    it('shrinks on a fill once per fill key, matches options by type and keeps the rest another TTL', async () => {
      const call = { ...spotLeg(1), symbol: 'BTC-20260306-100000-C', optionType: 'call' as const };
      const put = { ...spotLeg(1), symbol: 'BTC-20260306-100000-P', optionType: 'put' as const };
      await reserve(request('s', [call, put], { maxQty: {} }));
      const fill = { fillKey: '1-0', intentId: 's', symbol: 'BTC-20260306-105000-C', quantity: 0.4 };
      const options = { nowMs: NOW + 30_000, ...TTL };
      expect(await store.fill(fill, options)).toBe('APPLIED');
      expect(await harness.twin.fill(fill, options)).toBe('REPEATED');
      expect(await store.list(NOW)).toEqual([
        { intentId: 's', legs: [{ ...call, quantity: 0.6 }, put], expiresAtMs: NOW + 90_000 },
      ]);
      await store.fill({ ...fill, fillKey: '2-0', quantity: 0.6 }, options);
      await store.fill({ ...fill, fillKey: '3-0', symbol: put.symbol, quantity: 1 }, options);
      expect(await store.list(NOW)).toEqual([]);
    });

    it('applies a fill once per fill key and keeps the rest reserved another 60 s', async () => {
      await reserve(request('a', [spotLeg(1)]));
      const fill = { fillKey: '5-0', intentId: 'a', symbol: 'BTC/USDT', quantity: 0.25 };
      expect(await store.fill(fill, { nowMs: NOW + 30_000, ...TTL })).toBe('APPLIED');
      expect(await store.fill(fill, { nowMs: NOW + 30_000, ...TTL })).toBe('REPEATED');
      expect(await store.list(NOW + 30_000)).toEqual([
        { intentId: 'a', legs: [spotLeg(0.75)], expiresAtMs: NOW + 90_000 },
      ]);
      await store.fill({ ...fill, fillKey: '6-0', quantity: 0.75 }, { nowMs: NOW + 31_000, ...TTL });
      expect(await store.list(NOW + 31_000)).toEqual([]);
    });

    it('leaves the reservations alone when a fill matches no leg', async () => {
      await reserve(request('a', [spotLeg(1)]));
      const fill = { fillKey: '7-0', intentId: 'a', symbol: 'ETH/USDT', quantity: 1 };
      expect(await store.fill(fill, { nowMs: NOW, ...TTL })).toBe('NO_MATCH');
      expect(await store.fill({ ...fill, fillKey: '8-0', intentId: 'z' }, { nowMs: NOW, ...TTL })).toBe(
        'NO_MATCH',
      );
      expect(await reservedBtc()).toBe(1);
    });
  });
}
