import { venueGreeks, sviTotalVariance, type RawSvi } from '@gamma/shared/quant';

/** The fields of a chain row the summaries read (satisfied by OptionChainData). */
export interface ChainPoint {
  strike: number;
  expiry: string;
  option_type: 'call' | 'put';
  implied_volatility: number;
  greeks?: { delta: number } | null;
}

/** A strike as written in `iv_skew` keys: no decimals (SPEC §3.2); a fractional strike keeps its digits. */
export const strikeKey = (strike: number): string =>
  Number.isInteger(strike) ? strike.toFixed(0) : String(Number(strike.toFixed(8)));

/** The listed strike nearest `forward` (the lower one on a tie), or null for an empty list. */
export function nearestStrike(strikes: readonly number[], forward: number): number | null {
  let best: number | null = null;
  for (const k of [...strikes].sort((x, y) => x - y)) {
    if (best === null || Math.abs(k - forward) < Math.abs(best - forward)) best = k;
  }
  return best;
}

/** ATM IV of one expiry's rows: strike nearest the forward, mean of its call and put IV (SPEC §3.2). */
export function atmIvOf(rows: readonly ChainPoint[], forward: number): number | null {
  const atm = nearestStrike(
    rows.map((r) => r.strike),
    forward,
  );
  const ivs = rows.filter((r) => r.strike === atm).map((r) => r.implied_volatility);
  return ivs.length > 0 ? ivs.reduce((s, v) => s + v, 0) / ivs.length : null;
}

/** Strike key → IV of the out-of-the-money option (call at or above the forward, put below). */
export function ivSkewOf(rows: readonly ChainPoint[], forward: number): Record<string, number> {
  const skew: Record<string, number> = {};
  for (const r of rows) {
    const otm = r.strike >= forward ? 'call' : 'put';
    if (r.option_type === otm) skew[strikeKey(r.strike)] = r.implied_volatility;
  }
  return skew;
}

/** IV at `target` delta by linear interpolation between the listed points that bracket it, else null. */
export function ivAtDelta(rows: readonly ChainPoint[], type: 'call' | 'put', target: number): number | null {
  const points = rows
    .filter((r) => r.option_type === type && r.greeks)
    .map((r) => ({ delta: r.greeks?.delta ?? NaN, iv: r.implied_volatility }))
    .sort((x, y) => x.delta - y.delta);
  for (let i = 1; i < points.length; i += 1) {
    const lo = points[i - 1];
    const hi = points[i];
    if (lo && hi && lo.delta <= target && target <= hi.delta) {
      const w = hi.delta === lo.delta ? 0 : (target - lo.delta) / (hi.delta - lo.delta);
      return lo.iv + w * (hi.iv - lo.iv);
    }
  }
  return null;
}

export interface SmileAt {
  smile: RawSvi;
  forward: number;
  years: number;
}

const smileVol = (s: SmileAt, k: number): number => Math.sqrt(sviTotalVariance(s.smile, k) / s.years);

/** IV at `target` venue delta solved on the continuous smile (bisection in log-moneyness). */
export function smileIvAtDelta(s: SmileAt, type: 'call' | 'put', target: number): number {
  const deltaAt = (k: number): number =>
    venueGreeks({ F: s.forward, K: s.forward * Math.exp(k), T: s.years, sigma: smileVol(s, k), type }).delta;
  const width = 8 * smileVol(s, 0) * Math.sqrt(s.years) + 0.01;
  // Delta falls as the strike rises, for calls and puts alike
  let lo = -width;
  let hi = width;
  for (let i = 0; i < 80; i += 1) {
    const mid = (lo + hi) / 2;
    if (deltaAt(mid) > target) lo = mid;
    else hi = mid;
  }
  return smileVol(s, (lo + hi) / 2);
}

/**
 * 25-delta risk reversal of one expiry: IV of the +0.25-delta call minus IV of the −0.25-delta put,
 * interpolated on delta between listed strikes; where the chain does not reach 25 delta, read on the smile.
 */
export function riskReversal25Of(rows: readonly ChainPoint[], s: SmileAt): number {
  const call = ivAtDelta(rows, 'call', 0.25) ?? smileIvAtDelta(s, 'call', 0.25);
  const put = ivAtDelta(rows, 'put', -0.25) ?? smileIvAtDelta(s, 'put', -0.25);
  return call - put;
}
