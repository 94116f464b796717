import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ReservationStore,
  ReserveLimits,
  ReserveRequest,
  StoredReservation,
  UnitFigures,
} from './reservation-store.ts';

/** A reservation store prepared for the contract suite. */
export interface ReservationStoreUnderTest {
  store: ReservationStore;
  /** Another handle on the same book (Redis: another client; memory: the same store) */
  twin: ReservationStore;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

/** The fixtures' clock, epoch ms. */
export const NOW = 1_772_442_904_120;

/** A BTC spot leg valued at 100 000. */
export const spotLeg = (quantity: number, side: 'buy' | 'sell' = 'buy') => ({
  symbol: 'BTC/USDT',
  coin: 'BTC',
  side,
  quantity,
  mark: 100_000,
  spot: 100_000,
  optionType: null,
});

/** BTC spot: delta 1 a unit. */
export const BTC_FIGURES: UnitFigures = {
  coin: 'BTC',
  mark: 100_000,
  notional: 100_000,
  delta: 1,
  gamma: 0,
  vega: 0,
  theta: 0,
};

/** Loose limits but max 1 BTC per instrument. */
export const LOOSE: ReserveLimits = {
  maxDrawdownPct: 1,
  maxPositionRatio: 100,
  maxSinglePositionPct: 100,
  maxGrossLeverage: 100,
  maxPositionQty: { BTC: 1 },
  maxAbsDelta: {},
  maxAbsGamma: {},
  maxAbsVegaUsd: {},
  maxShortThetaUsd: {},
};

/** equity 1 000 000, BTC at 100 000, loose limits unless set. */
export const request = (
  intentId: string,
  legs: StoredReservation['legs'],
  over: Partial<ReserveLimits> & { equity?: number; strategyId?: string; protective?: boolean } = {},
): ReserveRequest => {
  const { equity, strategyId, protective, ...limits } = over;
  return {
    reservation: { intentId, legs, expiresAtMs: NOW + 60_000 },
    strategyId: strategyId ?? 's1',
    protective: protective ?? false,
    equity: equity ?? 1_000_000,
    peak: equity ?? 1_000_000,
    limits: { ...LOOSE, ...limits },
    figures: { 'BTC/USDT': BTC_FIGURES },
  };
};

const TTL = { ttlMs: 60_000 };
const fillOf = (
  fillKey: string,
  intentId: string | null,
  [symbol, quantity]: [symbol: string, quantity: number],
) => ({ fillKey, intentId, strategyId: 's1', symbol, quantity, price: 100_000, entryId: null });

/**
 * What every `ReservationStore` shares (SPEC §5.3 item 9, issue 9): the aggregate book (held + reserved
 * per instrument), reserving within the limits, expiry and release taking legs off the book, fills
 * turning reservation into held in one step, once per fill key.
 */
export function describeReservationStoreContract(
  name: string,
  makeStore: () => Promise<ReservationStoreUnderTest>,
): void {
  describe(`${name} (reservation store contract)`, () => {
    let harness: ReservationStoreUnderTest;
    let store: ReservationStore;
    const reserve = (r: ReserveRequest, nowMs = NOW) => store.tryReserve(r, nowMs, { reserve: true });
    const btc = async (nowMs = NOW) => {
      const e = (await store.book(nowMs)).entries['BTC/USDT'];
      return { held: e?.held ?? 0, reserved: e?.reserved ?? 0 };
    };

    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(() => harness.dispose());

    it('reserves within the limits, records the checked figures and replaces an earlier reservation of the same intent', async () => {
      const first = await reserve(request('a', [spotLeg(0.5)]));
      expect(first.reserved).toBe(true);
      expect(first.checks.find((c) => c.check === 'max_position_size')).toEqual({
        check: 'max_position_size',
        value: 0.5,
        limit: 1,
        passed: true,
        reason_code: null,
      });
      expect((await reserve(request('a', [spotLeg(0.25)]))).reserved).toBe(true);
      expect(await store.list(NOW)).toEqual([
        { intentId: 'a', legs: [spotLeg(0.25)], expiresAtMs: NOW + 60_000 },
      ]);
      expect(await btc()).toEqual({ held: 0, reserved: 0.25 });
      const refused = await reserve(request('b', [spotLeg(0.8)]));
      expect(refused.reserved).toBe(false);
      expect(refused.checks.find((c) => !c.passed)).toMatchObject({
        check: 'max_position_size',
        value: 1.05,
        reason_code: 'MAX_POSITION_SIZE_EXCEEDED',
      });
      expect(await btc()).toEqual({ held: 0, reserved: 0.25 });
    });

    it('checks without reserving when asked to', async () => {
      const result = await store.tryReserve(request('a', [spotLeg(0.5)]), NOW, { reserve: false });
      expect(result.reserved).toBe(false);
      expect(result.checks.every((c) => c.passed)).toBe(true);
      expect(await store.list(NOW)).toEqual([]);
    });

    it('takes an expired or released reservation off the book', async () => {
      await reserve(request('a', [spotLeg(0.5)]));
      await reserve(request('b', [spotLeg(0.5)]));
      expect(await store.release('b')).toBe(true);
      expect(await store.release('b')).toBe(false);
      expect(await btc()).toEqual({ held: 0, reserved: 0.5 });
      expect(await btc(NOW + 59_999)).toEqual({ held: 0, reserved: 0.5 });
      expect(await btc(NOW + 60_000)).toEqual({ held: 0, reserved: 0 });
      expect((await reserve(request('c', [spotLeg(1)]), NOW + 60_000)).reserved).toBe(true);
    });

    it('turns a fill into held and takes it off its reservation in one step, once per fill key', async () => {
      await reserve(request('a', [spotLeg(1)]));
      const fill = fillOf('5-0', 'a', ['BTC/USDT', 0.25]);
      expect(await store.fill(fill, { nowMs: NOW + 30_000, ...TTL })).toBe('APPLIED');
      expect(await harness.twin.fill(fill, { nowMs: NOW + 30_000, ...TTL })).toBe('REPEATED');
      expect(await btc(NOW + 30_000)).toEqual({ held: 0.25, reserved: 0.75 });
      expect(await store.list(NOW + 30_000)).toEqual([
        { intentId: 'a', legs: [spotLeg(0.75)], expiresAtMs: NOW + 90_000 },
      ]);
      // held + reserved is full: nothing more fits
      expect((await reserve(request('b', [spotLeg(0.01)]), NOW + 30_000)).reserved).toBe(false);
      await store.fill(fillOf('6-0', 'a', ['BTC/USDT', 0.75]), { nowMs: NOW + 31_000, ...TTL });
      expect(await store.list(NOW + 31_000)).toEqual([]);
      expect(await btc(NOW + 31_000)).toEqual({ held: 1, reserved: 0 });
    });

    it('moves held for fills of no reservation, and a sell back to flat empties the book', async () => {
      expect(await store.fill(fillOf('1-0', null, ['BTC/USDT', 0.4]), { nowMs: NOW, ...TTL })).toBe('HELD');
      expect(await store.fill(fillOf('2-0', 'z', ['BTC/USDT', 0.1]), { nowMs: NOW, ...TTL })).toBe('HELD');
      expect(await btc()).toEqual({ held: 0.5, reserved: 0 });
      await store.fill(fillOf('3-0', null, ['BTC/USDT', -0.5]), { nowMs: NOW, ...TTL });
      expect((await store.book(NOW)).entries).toEqual({});
    });

    it('matches an option fill of another strike by option type and side', async () => {
      const call = { ...spotLeg(1), symbol: 'BTC-20260306-100000-C', optionType: 'call' as const };
      const put = { ...spotLeg(1), symbol: 'BTC-20260306-100000-P', optionType: 'put' as const };
      await reserve(request('s', [call, put], { maxPositionQty: {} }));
      const options = { nowMs: NOW + 30_000, ...TTL };
      expect(await store.fill(fillOf('1-0', 's', ['BTC-20260306-105000-C', 0.4]), options)).toBe('APPLIED');
      expect(await store.list(NOW)).toEqual([
        { intentId: 's', legs: [{ ...call, quantity: 0.6 }, put], expiresAtMs: NOW + 90_000 },
      ]);
      const book = (await store.book(NOW)).entries;
      expect(book['BTC-20260306-105000-C']?.held).toBe(0.4);
      expect(book['BTC-20260306-100000-C']?.reserved).toBeCloseTo(0.6, 12);
      // a sell does not shrink a bought leg
      expect(await store.fill(fillOf('2-0', 's', [put.symbol, -1]), options)).toBe('HELD');
    });

    it('seeds held once', async () => {
      const held = { 'BTC/USDT': { coin: 'BTC', quantity: 0.3, mark: 90_000 } };
      expect(await store.seed({ fillsAfter: '7-0', held, byStrategy: {} })).toBe(true);
      expect(await store.seed({ fillsAfter: '8-0', held, byStrategy: {} })).toBe(false);
      expect(await btc()).toEqual({ held: 0.3, reserved: 0 });
      expect((await store.book(NOW)).fillsAfter).toBe('7-0');
    });
  });
}
