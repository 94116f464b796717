import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisReservationStore } from '../../stores/reservations/redis-reservation-store.ts';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { initialPortfolio } from './core/portfolio-state.ts';
import { buildBook } from './core/portfolio-state.ts';
import { reserveRequest } from './core/reserve-request.ts';
import { runChecks } from './core/run-checks.ts';
import type { OrderLeg, RiskLimits } from './core/types.ts';
import { calmCatalogue } from '../../testing/engine-catalogue.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const PRICES = { 'BTC/USDT': 100_000, 'ETH/USDT': 3_000, 'SOL/USDT': 150 } as const;
type Symbol = keyof typeof PRICES;
const SYMBOLS = Object.keys(PRICES) as Symbol[];
const CHECKS = ['max_position_size', 'single_position_share', 'gross_leverage', 'position_ratio'];
const NOW = 1_000_000;

const quarter = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((n) => n / 4);
const leg = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  quantity: quarter(0.25, 20),
});
const scenario = fc.record({
  equity: fc.integer({ min: 1, max: 500 }).map((k) => k * 1_000),
  held: fc.record({
    'BTC/USDT': quarter(-3, 3),
    'ETH/USDT': quarter(-30, 30),
    'SOL/USDT': quarter(-200, 200),
  }),
  reserved: fc.array(fc.array(leg, { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
  order: fc.uniqueArray(leg, { minLength: 1, maxLength: 2, selector: (l) => l.symbol }),
  limits: fc.record({
    maxSinglePositionPct: fc.integer({ min: 1, max: 20 }).map((k) => k / 20),
    maxGrossLeverage: fc.integer({ min: 1, max: 12 }).map((k) => k / 4),
    maxPositionRatio: fc.integer({ min: 1, max: 20 }).map((k) => k / 10),
    minPositionRatio: fc.integer({ min: 0, max: 5 }).map((k) => k / 20),
    btc: quarter(0.5, 5),
  }),
});

describe('the check-and-reserve script and the pure checks', () => {
  it('fail the same reservation-dependent checks on the same book and reservations', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const prefix = testPrefix();
        const store = new RedisReservationStore(redis, prefix);
        try {
          const priced = (l: (typeof s.order)[number]): OrderLeg => ({
            ...l,
            mark: PRICES[l.symbol],
            spot: PRICES[l.symbol],
          });
          const loose = { maxSinglePositionPct: 1e9, maxGrossLeverage: 1e9, maxPositionRatio: 1e9 };
          for (const [i, legs] of s.reserved.entries()) {
            const stored = await store.reserve(
              {
                reservation: {
                  intentId: `r-${i}`,
                  expiresAtMs: NOW + 60_000,
                  legs: legs.map((l) => ({ ...priced(l), optionType: null })),
                },
                equity: s.equity,
                limits: { ...loose, minPositionRatio: -1, maxQty: {} },
                book: {},
              },
              NOW,
            );
            expect(stored).toEqual({ ok: true });
          }
          const reservations = await store.list(NOW);
          const portfolio = { ...initialPortfolio(s.equity), accountPositions: s.held };
          const market = { mids: PRICES, tickAtMs: {}, surfaces: {} };
          const limits: RiskLimits = {
            maxDrawdownPct: 1,
            maxPositionRatio: s.limits.maxPositionRatio,
            minPositionRatio: s.limits.minPositionRatio,
            maxSinglePositionPct: s.limits.maxSinglePositionPct,
            maxGrossLeverage: s.limits.maxGrossLeverage,
            maxPositionQty: { BTC: s.limits.btc },
          };
          const legs = s.order.map(priced);
          const outcome = runChecks({
            book: buildBook(portfolio, market, reservations),
            order: { ok: true, legs },
            limits,
            catalogue: calmCatalogue(),
          });
          const request = reserveRequest({
            intentId: 'order',
            legs,
            portfolio,
            market,
            reservations,
            limits,
            expiresAtMs: NOW + 60_000,
          });
          const result = await store.reserve(request, NOW);
          const scriptFailed = result.ok ? [] : result.failed;
          for (const verdict of outcome.checks.filter((c) => CHECKS.includes(c.check))) {
            const atBoundary =
              verdict.value !== null &&
              verdict.limit !== null &&
              Math.abs(verdict.value - verdict.limit) <= 1e-3 * Math.max(1, verdict.limit);
            if (verdict.passed) expect(scriptFailed).not.toContain(verdict.check);
            else if (!atBoundary) expect(scriptFailed).toContain(verdict.check);
          }
        } finally {
          await deleteKeys(redis, `${prefix}:*`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
