import { impliedVol } from '@gamma/shared/quant';
import { pct, round4 } from './book-math.ts';
import type { CheckInput, OrderLeg } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/** How far one leg's limit price is from its mark: a decimal of the mark, and (options) in vol points. */
export interface LegBand {
  symbol: string;
  /** |limit − mark| / mark */
  pct: number;
  /** |IV of the limit price − the surface's IV| × 100; null for non-options or when no IV solves */
  volPts: number | null;
}

/**
 * The implied vol of an option leg's limit price: Black-76 on the expiry's forward with r = 0 (the
 * surface's USD prices are Black-76 at r = 0, coin prices × F), by the quant core's solver; null when the
 * price is outside the no-arbitrage bounds.
 */
export function limitPriceIv(leg: OrderLeg): number | null {
  const { option, limitPrice } = leg;
  if (!option || limitPrice === undefined || limitPrice === null) return null;
  try {
    const iv = impliedVol({
      model: 'black76',
      price: limitPrice,
      F: option.forward,
      K: option.strike,
      T: option.yearsToExpiry,
      r: 0,
      type: option.optionType,
    });
    return Number.isFinite(iv) ? iv : null;
  } catch {
    return null;
  }
}

/** The band of each leg that carries a limit price (market legs have none). */
export function legBands(legs: readonly OrderLeg[]): LegBand[] {
  return legs.flatMap((leg) => {
    const limit = leg.limitPrice;
    if (limit === undefined || limit === null || !(leg.mark > 0)) return [];
    const iv = limitPriceIv(leg);
    const volPts = iv === null || !leg.option ? null : Math.abs(iv - leg.option.iv) * 100;
    return [{ symbol: leg.symbol, pct: Math.abs(limit - leg.mark) / leg.mark, volPts }];
  });
}

/** One band of one leg: its value, limit and unit. */
interface Measure {
  value: number;
  limit: number;
  unit: 'pct' | 'vol_pts';
}

const usage = (m: Measure): number => (m.limit > 0 ? m.value / m.limit : Infinity);

/** The band nearest its limit over the legs; null for an order without a limit price. */
function worstBand(input: CheckInput): Measure | null {
  const { priceBandPct, priceBandVolPts } = input.catalogue.limits;
  if (!input.order.ok) return null;
  const measures: Measure[] = legBands(input.order.legs).flatMap((b) => [
    { value: b.pct, limit: priceBandPct, unit: 'pct' as const },
    ...(b.volPts === null ? [] : [{ value: b.volPts, limit: priceBandVolPts, unit: 'vol_pts' as const }]),
  ]);
  if (measures.length === 0) return null;
  return measures.reduce((a, b) => (usage(b) > usage(a) ? b : a));
}

/**
 * `price_band`: a limit price more than `RISK_PRICE_BAND_PCT` from the leg's mark, or for an option leg
 * also one more than `RISK_PRICE_BAND_VOL_PTS` from the surface's IV of its row, vetoes (either band).
 * The value and limit reported are those of the band nearest its limit (vol points or a decimal of the
 * mark); an order without a limit price (market) passes with value null. Applies to reducing orders too.
 */
export function checkPriceBand(input: CheckInput): CheckVerdict {
  const { order, catalogue } = input;
  const base = { check: 'price_band', limit: catalogue.limits.priceBandPct };
  if (!order.ok) return { ...base, passed: false, reason_code: order.code, value: null };
  const worst = worstBand(input);
  if (worst === null) return verdictOf({ ...base, value: null }, null);
  const shown = worst.unit === 'pct' ? round4(worst.value) : Math.round(worst.value * 100) / 100;
  return verdictOf(
    { check: 'price_band', value: shown, limit: worst.limit },
    above(worst.value, worst.limit) ? 'PRICE_BAND_EXCEEDED' : null,
  );
}

/** A failing `price_band` in words, in the unit of the band reported. */
export function describePriceBand(input: CheckInput): string {
  const worst = worstBand(input);
  if (worst === null) return 'price band: no limit price';
  return worst.unit === 'vol_pts'
    ? `price band: limit price ${Math.round(worst.value * 100) / 100} vol pts from the surface IV > ${worst.limit}`
    : `price band: limit price ${pct(worst.value)} from the mark > ${pct(worst.limit)}`;
}
