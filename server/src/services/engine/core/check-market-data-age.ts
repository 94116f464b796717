import type { CheckInput } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * `market_data_age`: the age of the latest tick the order is valued on (its instrument's; an option's
 * underlying's) against `RISK_MAX_TICK_AGE_S` and, for orders valued off a surface (option actions and
 * option symbols), the underlying's surface against `RISK_MAX_SURFACE_AGE_S`. A tick (non-options) or a
 * surface (options) never seen fails with value null; an option order with no tick of its underlying is
 * valued off the surface alone. The value and limit reported are those of the feed nearest its limit (age / limit). It
 * applies to every order: a price from a dead feed is no price.
 */
export function checkMarketDataAge({ catalogue }: CheckInput): CheckVerdict {
  const { limits, context } = catalogue;
  const { tickS, surfaceS, needsSurface } = context.dataAges;
  // An option order is valued off the surface (its spot too when no tick came): the tick counts once seen
  const feeds = needsSurface
    ? [
        { age: surfaceS, limit: limits.maxSurfaceAgeS },
        ...(tickS === null ? [] : [{ age: tickS, limit: limits.maxTickAgeS }]),
      ]
    : [{ age: tickS, limit: limits.maxTickAgeS }];
  const missing = feeds.find((f) => f.age === null);
  if (missing)
    return verdictOf({ check: 'market_data_age', value: null, limit: missing.limit }, 'STALE_MARKET_DATA');
  const usage = (f: { age: number | null; limit: number }) =>
    f.limit > 0 ? (f.age ?? 0) / f.limit : Infinity;
  const worst = feeds.reduce((a, b) => (usage(b) > usage(a) ? b : a));
  const stale = feeds.some((f) => above(f.age ?? 0, f.limit));
  return verdictOf(
    { check: 'market_data_age', value: round3(Math.max(0, worst.age ?? 0)), limit: worst.limit },
    stale ? 'STALE_MARKET_DATA' : null,
  );
}
