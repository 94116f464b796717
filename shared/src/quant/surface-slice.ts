/** One fitted slice of the surface: its checks, fit error, ATM and ±25-delta points and IV lookup. */
import { normCdf } from './normal.ts';
import { atmSdOf, sviSliceButterflyCheck } from './svi-slice-arbitrage.ts';
import { sviTotalVariance, type RawSvi } from './svi.ts';
import type { DeltaPoint, FittedSlice, SliceRepairs, SurfaceFitExpiry } from './surface-fit-types.ts';

/** Strike (USD) where the Black-76 (r = 0) delta N(d1) on the smile equals `target` ∈ (0, 1), by bisection in k. */
function strikeAtCallDelta(p: RawSvi, forward: number, target: number): number {
  const excess = (k: number): number => {
    const w = sviTotalVariance(p, k);
    const sw = Math.sqrt(w);
    return normCdf((-k + w / 2) / sw) - target;
  };
  let width = 10 * atmSdOf(p) + 0.01;
  for (let i = 0; i < 60 && !(excess(-width) > 0 && excess(width) < 0); i++) width *= 2;
  let lo = -width;
  let hi = width;
  if (!(excess(lo) > 0 && excess(hi) < 0))
    throw new RangeError(`no strike with delta ${target} on this smile`);
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (excess(mid) > 0) lo = mid;
    else hi = mid;
  }
  return forward * Math.exp((lo + hi) / 2);
}

/** Weighted RMSE of a smile against an expiry's quotes, in total variance and in implied vol. */
export function weightedRmse(p: RawSvi, e: SurfaceFitExpiry): { rmse: number; ivRmse: number } {
  let sw = 0;
  let sse = 0;
  let sseIv = 0;
  e.strikes.forEach((K, i) => {
    const o = e.weights?.[i] ?? 1;
    const iv = e.ivs[i] as number;
    const w = sviTotalVariance(p, Math.log(K / e.forward));
    sw += o;
    sse += o * (w - iv * iv * e.t) ** 2;
    sseIv += o * (Math.sqrt(Math.max(w, 0) / e.t) - iv) ** 2;
  });
  return { rmse: Math.sqrt(sse / sw), ivRmse: Math.sqrt(sseIv / sw) };
}

function nearest(strikes: readonly number[], forward: number): number {
  let best = NaN;
  for (const k of strikes) {
    const d = Math.abs(k - forward);
    const bd = Math.abs(best - forward);
    if (Number.isNaN(best) || d < bd || (d === bd && k < best)) best = k;
  }
  return best;
}

/** One fitted slice: the final smile with its checks, ATM and ±25-delta points, and an IV lookup. */
export function makeSlice(
  e: SurfaceFitExpiry,
  state: { calibrated: RawSvi; params: RawSvi; calendarFree: boolean; repaired: SliceRepairs },
): FittedSlice {
  const { calibrated, params } = state;
  const { t, forward } = e;
  const ivAt = (strike: number): number => {
    if (!(strike > 0) || strike === Infinity)
      throw new RangeError(`expiry ${e.expiry}: strike must be finite and > 0, got ${strike}`);
    return Math.sqrt(Math.max(sviTotalVariance(params, Math.log(strike / forward)), 0) / t);
  };
  const point = (target: number, type: 'call' | 'put'): DeltaPoint => {
    const strike = strikeAtCallDelta(params, forward, type === 'call' ? target : 1 + target);
    const iv = ivAt(strike);
    const sw = iv * Math.sqrt(t);
    const nd1 = normCdf((Math.log(forward / strike) + (sw * sw) / 2) / sw);
    return { strike, iv, delta: type === 'call' ? nd1 : nd1 - 1 };
  };
  const check = sviSliceButterflyCheck(params);
  const atmStrike = nearest(e.strikes, forward);
  const call25 = point(0.25, 'call');
  const put25 = point(-0.25, 'put');
  return {
    expiry: e.expiry,
    t,
    forward,
    params,
    calibrated,
    ...weightedRmse(params, e),
    butterflyFree: check.arbitrageFree,
    minG: check.minG,
    calendarFree: state.calendarFree,
    repaired: state.repaired,
    atmStrike,
    atmIv: ivAt(atmStrike),
    call25,
    put25,
    rr25: call25.iv - put25.iv,
    ivAt,
  };
}
