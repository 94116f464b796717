import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisReservationStore } from '../../stores/reservations/redis-reservation-store.ts';
import type { ReserveRequest, UnitFigures } from '../../stores/reservations/reservation-store.ts';
import { createRedis } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { checkOnBook } from './core/book-view.ts';
import { recorded } from './core/run-checks.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

/** Instruments of the scenarios: per-unit figures drawn per run, except the coin. */
const SYMBOLS = {
  'BTC/USDT': { coin: 'BTC', mark: 100_000, option: null },
  'ETH/USDT': { coin: 'ETH', mark: 3_000, option: null },
  'BTC-20260306-100000-C': { coin: 'BTC', mark: 4_800, option: 'call' },
  'ETH-20260306-3000-P': { coin: 'ETH', mark: 150, option: 'put' },
} as const;
type Symbol = keyof typeof SYMBOLS;
const NAMES = Object.keys(SYMBOLS) as Symbol[];
const NOW = 1_000_000;

const quarter = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((n) => n / 4);
const leg = fc.record({
  symbol: fc.constantFrom(...NAMES),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  quantity: quarter(0.25, 20),
});
const greeks = fc.record({
  delta: fc.integer({ min: -100, max: 100 }).map((k) => k / 100),
  gamma: fc.integer({ min: 0, max: 100 }).map((k) => k / 1e6),
  vega: fc.integer({ min: 0, max: 300 }),
  theta: fc.integer({ min: -300, max: 50 }),
});
const coinLimits = (scale: number) =>
  fc.record({ BTC: fc.integer({ min: 1, max: 40 }).map((k) => (k * scale) / 4) }, { requiredKeys: [] });
const state = fc.constantFrom(undefined, 'ACTIVE', 'REDUCING', 'HALTED');
const scenario = fc.record({
  equity: fc.integer({ min: 0, max: 500 }).map((k) => k * 1_000),
  peak: fc.integer({ min: 0, max: 600 }).map((k) => k * 1_000),
  held: fc.array(fc.record({ symbol: fc.constantFrom(...NAMES), quantity: quarter(-10, 10) }), {
    maxLength: 4,
  }),
  reserved: fc.array(fc.array(leg, { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
  order: fc.uniqueArray(leg, { minLength: 1, maxLength: 2, selector: (l) => l.symbol }),
  figures: fc.record({
    'BTC/USDT': greeks,
    'ETH/USDT': greeks,
    'BTC-20260306-100000-C': greeks,
    'ETH-20260306-3000-P': greeks,
  }),
  protective: fc.boolean(),
  states: fc.record({
    global: state,
    'strategy:s1': state,
    'underlying:BTC': state,
    'underlying:ETH': state,
  }),
  limits: fc.record({
    maxDrawdownPct: fc.integer({ min: 1, max: 10 }).map((k) => k / 20),
    maxSinglePositionPct: fc.integer({ min: 1, max: 20 }).map((k) => k / 20),
    maxGrossLeverage: fc.integer({ min: 1, max: 12 }).map((k) => k / 4),
    maxPositionRatio: fc.integer({ min: 1, max: 20 }).map((k) => k / 10),
    maxPositionQty: coinLimits(1),
    maxAbsDelta: coinLimits(1),
    maxAbsGamma: coinLimits(1e-5),
    maxAbsVegaUsd: coinLimits(500),
    maxShortThetaUsd: coinLimits(500),
  }),
});

const LOOSE = {
  maxDrawdownPct: 1e9,
  maxSinglePositionPct: 1e9,
  maxGrossLeverage: 1e9,
  maxPositionRatio: 1e9,
  maxPositionQty: {},
  maxAbsDelta: {},
  maxAbsGamma: {},
  maxAbsVegaUsd: {},
  maxShortThetaUsd: {},
};

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('the check-and-reserve script and the pure checks', () => {
  it('give the same verdicts, values and limits on the same aggregate book', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const prefix = testPrefix();
        const store = new RedisReservationStore(redis, prefix);
        try {
          const figures: Record<string, UnitFigures> = {};
          for (const symbol of NAMES) {
            const { coin, mark } = SYMBOLS[symbol];
            const spot = coin === 'BTC' ? 100_000 : 3_000;
            figures[symbol] = { coin, mark, notional: spot, ...s.figures[symbol] };
          }
          const toLeg = (l: { symbol: Symbol; side: 'buy' | 'sell'; quantity: number }) => {
            const f = figures[l.symbol] as UnitFigures;
            return {
              ...l,
              coin: f.coin,
              mark: f.mark,
              spot: f.notional,
              optionType: SYMBOLS[l.symbol].option,
            };
          };
          const base = (intentId: string, legs: ReturnType<typeof toLeg>[]): ReserveRequest => ({
            reservation: { intentId, expiresAtMs: NOW + 60_000, legs },
            strategyId: 's1',
            protective: false,
            equity: 1_000_000,
            peak: 1_000_000,
            limits: LOOSE,
            figures,
          });
          for (const [i, h] of s.held.entries())
            await store.fill(
              {
                fillKey: `f-${i}`,
                intentId: null,
                strategyId: 'agreement',
                symbol: h.symbol,
                quantity: h.quantity,
                price: 1,
                entryId: null,
              },
              { nowMs: NOW, ttlMs: 60_000 },
            );
          for (const [i, legs] of s.reserved.entries())
            expect(
              (await store.tryReserve(base(`r-${i}`, legs.map(toLeg)), NOW, { reserve: true })).reserved,
            ).toBe(true);
          for (const [field, value] of Object.entries(s.states))
            if (value !== undefined)
              await redis.hset(keyTable(prefix).tradingState(), field, JSON.stringify({ state: value }));
          const request: ReserveRequest = {
            ...base('order', s.order.map(toLeg)),
            protective: s.protective,
            equity: s.equity,
            peak: s.peak,
            limits: s.limits,
          };
          const pure = checkOnBook(await store.book(NOW), request, null).checks;
          const script = (await store.tryReserve(request, NOW, { reserve: false })).checks;
          expect(script.map((c) => c.check)).toEqual(pure.map((c) => c.check));
          for (const [i, p] of pure.entries()) {
            const a = script[i];
            if (!a) throw new Error('missing verdict');
            expect({ check: a.check, limit: a.limit }).toEqual({ check: p.check, limit: p.limit });
            // the pure checks round their values as the decision records the script's (`recorded`)
            const value = recorded(a).value;
            expect(
              close(value, p.value) ||
                Math.abs((value ?? 0) - (p.value ?? 0)) <= 1e-4 * Math.max(1, Math.abs(p.value ?? 0)),
              `${a.check}: ${value} vs ${p.value}`,
            ).toBe(true);
            const atBoundary =
              a.value !== null &&
              a.limit !== null &&
              Math.abs(a.value - a.limit) <= 1e-3 * Math.max(1, a.limit);
            if (!atBoundary)
              expect({ check: a.check, passed: a.passed, code: a.reason_code }).toEqual({
                check: p.check,
                passed: p.passed,
                code: p.reason_code,
              });
          }
        } finally {
          await deleteKeys(redis, `${prefix}:*`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
