import type { CoinLimits } from '../../../stores/reservations/reservation-store.ts';
import { coinOf, positionsAfter, positionsBefore } from './book-math.ts';
import { above } from './tolerance.ts';
import type { BookCheckInput, HeldPosition, BookCheck, UnitGreeks } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';

/** A Greek the limits bound. */
export type GreekName = keyof UnitGreeks;
export const GREEK_NAMES: readonly GreekName[] = ['delta', 'gamma', 'vega', 'theta'];

/** Exposures of one coin before and after the order: |Greek|, for theta the short theta max(0, −theta). */
export interface CoinExposures {
  coin: string;
  before: UnitGreeks;
  after: UnitGreeks;
}

/** The exposure the limit bounds: |g|, or for theta the short theta (a long-theta book has none). */
export const exposureOf = (greek: GreekName, g: number): number =>
  greek === 'theta' ? Math.max(0, -g) : Math.abs(g);

function exposures(positions: Readonly<Record<string, HeldPosition>>, coin: string): UnitGreeks {
  const sum: UnitGreeks = { delta: 0, gamma: 0, vega: 0, theta: 0 };
  for (const [symbol, p] of Object.entries(positions)) {
    if (!p.greeks || coinOf(symbol) !== coin) continue;
    for (const g of GREEK_NAMES) sum[g] += p.quantity * p.greeks[g];
  }
  for (const g of GREEK_NAMES) sum[g] = exposureOf(g, sum[g]);
  return sum;
}

/** The exposures of every coin of the order (in the order of its legs), from the projected book. */
export function coinExposures({ book, order }: Pick<BookCheckInput, 'book' | 'order'>): CoinExposures[] {
  if (!order.ok) return [];
  const before = positionsBefore(book, order.legs);
  const after = positionsAfter(book, order.legs);
  const coins = [...new Set(order.legs.map((l) => coinOf(l.symbol)))];
  return coins.map((coin) => ({ coin, before: exposures(before, coin), after: exposures(after, coin) }));
}

/**
 * The pure core of a Greek limit (`<greek>_limit`, issue 9): per coin of the order, the exposure after
 * the order beyond the coin's limit fails `GREEK_LIMIT_EXCEEDED` only when the order raises it, so an
 * order moving the Greek toward zero passes even while the book is over the limit. The value reported is
 * the failing coin's exposure, else the one nearest its limit (a coin without a limit is unbounded).
 * The same rule as `check_greek` in `stores/scripts/risk-check-greeks.lua`.
 */
export function greekVerdict(
  greek: GreekName,
  coins: readonly CoinExposures[],
  limits: CoinLimits,
): CheckVerdict {
  let worst: { value: number; limit: number | null; failed: boolean; usage: number } | null = null;
  for (const { coin, before, after } of coins) {
    const value = after[greek];
    const limit = limits[coin] ?? null;
    const failed = limit !== null && above(value, limit) && above(value, before[greek]);
    const usage = limit === null ? -1 : value / limit;
    if (worst === null || (failed && !worst.failed) || (failed === worst.failed && usage > worst.usage))
      worst = { value, limit, failed, usage };
  }
  return verdictOf(
    {
      check: `${greek}_limit`,
      value: worst === null ? null : roundGreek(worst.value),
      limit: worst?.limit ?? null,
    },
    worst?.failed ? 'GREEK_LIMIT_EXCEEDED' : null,
  );
}

/** Greeks are recorded to 6 significant digits (gamma is ~1e-5 per BTC option). */
export const roundGreek = (x: number): number => Number(x.toPrecision(6));

const greekCheck =
  (greek: GreekName, limitsOf: (l: BookCheckInput['limits']) => CoinLimits): BookCheck =>
  (input) =>
    input.order.ok
      ? greekVerdict(greek, coinExposures(input), limitsOf(input.limits))
      : { check: `${greek}_limit`, value: null, limit: null, passed: false, reason_code: input.order.code };

/** `delta_limit`: |delta| of the projected book per coin, `RISK_MAX_ABS_DELTA` (coins). */
export const checkDeltaLimit = greekCheck('delta', (l) => l.maxAbsDelta);
/** `gamma_limit`: |gamma|, `RISK_MAX_ABS_GAMMA` (delta per 1 USD). */
export const checkGammaLimit = greekCheck('gamma', (l) => l.maxAbsGamma);
/** `vega_limit`: |vega|, `RISK_MAX_ABS_VEGA_USD` (USD per vol point). */
export const checkVegaLimit = greekCheck('vega', (l) => l.maxAbsVegaUsd);
/** `theta_limit`: short theta max(0, −theta), `RISK_MAX_SHORT_THETA_USD` (USD a day). */
export const checkThetaLimit = greekCheck('theta', (l) => l.maxShortThetaUsd);
