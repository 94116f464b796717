import { normCdf } from './normal.ts';
import { fitRawSvi } from './svi-fit.ts';
import {
  sviButterflyCheck,
  sviFromJumpWings,
  sviRepairJumpWings,
  sviToJumpWings,
  sviTotalVariance,
  type RawSvi,
} from './svi.ts';

/**
 * One expiry's quotes for {@link fitSurface}: t years to expiry (> 0), forward F (USD, > 0), strikes (USD, > 0)
 * with their implied vols (annualised decimals, > 0), optional least-squares weights (≥ 0, default 1).
 */
export interface SurfaceFitExpiry {
  expiry: string;
  t: number;
  forward: number;
  strikes: readonly number[];
  ivs: readonly number[];
  weights?: readonly number[];
}

/** Input of {@link fitSurface}: one entry per expiry, any order, expiries unique. */
export interface SurfaceFitInput {
  expiries: readonly SurfaceFitExpiry[];
}

/** A point of the fitted smile at a target Black-76 delta (r = 0): strike (USD), IV (decimal), delta. */
export interface DeltaPoint {
  strike: number;
  iv: number;
  delta: number;
}

/** Which repairs changed a slice's calibrated parameters. */
export interface SliceRepairs {
  /** Butterfly arbitrage found and repaired (Gatheral–Jacquier jump-wings, else shrinking toward flat). */
  butterfly: boolean;
  /** Total variance lifted to stay at or above the previous expiry's. */
  calendar: boolean;
}

/** One fitted, arbitrage-checked expiry of a {@link FittedSurface}. */
export interface FittedSlice {
  expiry: string;
  /** Years to expiry */
  t: number;
  /** Forward (USD) */
  forward: number;
  /** Final raw SVI parameters (total variance in k = ln(K/F)) after the repairs */
  params: RawSvi;
  /** Raw SVI parameters as calibrated, before any repair */
  calibrated: RawSvi;
  /** Weighted RMSE of the final smile against the quotes, in total variance (σ²t units) */
  rmse: number;
  /** Weighted RMSE of the final smile against the quotes, in implied vol (decimal) */
  ivRmse: number;
  /** Durrleman's g ≥ 0 on the check grid (no butterfly arbitrage) */
  butterflyFree: boolean;
  /** Smallest Durrleman g on the check grid */
  minG: number;
  /** Total variance ≥ the previous expiry's at every k of the check grid (true for the first expiry) */
  calendarFree: boolean;
  repaired: SliceRepairs;
  /** Listed strike nearest the forward (the lower one on a tie) */
  atmStrike: number;
  /** Fitted IV at {@link FittedSlice.atmStrike} */
  atmIv: number;
  /** Strike of Black-76 call delta +0.25 on the fitted smile */
  call25: DeltaPoint;
  /** Strike of Black-76 put delta −0.25 on the fitted smile */
  put25: DeltaPoint;
  /** 25-delta risk reversal: call25.iv − put25.iv (decimal) */
  rr25: number;
  /** Fitted IV (decimal) at a strike (USD, > 0) */
  ivAt(strike: number): number;
}

/** Result of {@link fitSurface}. */
export interface FittedSurface {
  /** Slices in increasing t */
  slices: readonly FittedSlice[];
  /** Every slice is butterfly- and calendar-free on its check grid */
  arbitrageFree: boolean;
  /** Expiry → ATM IV of that expiry (decimal), in increasing t */
  termStructure: Record<string, number>;
  /** The slice of an expiry. @throws RangeError for an expiry not fitted */
  slice(expiry: string): FittedSlice;
  /** Fitted IV (decimal) of an expiry at a strike (USD). @throws RangeError for an unknown expiry or bad strike */
  ivAt(expiry: string, strike: number): number;
}

/** Sorted log-moneyness grid: fine (step s/40 over ±8s) around the money plus a coarse one over ±max(2, 8s). */
function kGrid(atmSd: number): number[] {
  const s = Math.max(atmSd, 1e-3);
  const out: number[] = [];
  const fine = s / 40;
  for (let i = -320; i <= 320; i++) out.push(i * fine);
  const wide = Math.max(2, 8 * s);
  const coarse = Math.min(0.01, wide / 200);
  const n = Math.ceil(wide / coarse);
  for (let i = -n; i <= n; i++) out.push(Math.max(-wide, Math.min(wide, i * coarse)));
  return out.sort((x, y) => x - y);
}

const atmSdOf = (p: RawSvi): number => Math.sqrt(Math.max(sviTotalVariance(p, 0), 1e-12));

/** The k points where two slices are compared for calendar arbitrage. */
const calendarGrid = (earlier: RawSvi, later: RawSvi): number[] => [
  ...kGrid(atmSdOf(earlier)),
  ...kGrid(atmSdOf(later)),
];

/** Butterfly check of a smile on the grid of {@link kGrid}: both sub-grids, smallest g. */
export function sviSliceButterflyCheck(p: RawSvi): { arbitrageFree: boolean; minG: number; argMinK: number } {
  const s = Math.max(atmSdOf(p), 1e-3);
  const wide = Math.max(2, 8 * s);
  const a = sviButterflyCheck(p, { kMin: -8 * s, kMax: 8 * s, step: s / 40 });
  const b = sviButterflyCheck(p, { kMin: -wide, kMax: wide, step: Math.min(0.01, wide / 200) });
  return a.minG <= b.minG ? a : b;
}

/**
 * Repairs butterfly arbitrage of a raw SVI smile at maturity t (years): first the Gatheral–Jacquier
 * jump-wings repair (same v, psi, p; c′ = p + 2psi, ṽ′ = 4vpc′/(p + c′)²); when that is not defined or still
 * fails the check, the largest convex combination λ·w(k) + (1 − λ)·w(0) that passes (same ATM variance).
 * Returns the input unchanged when it is already free of butterfly arbitrage.
 */
export function sviRepairButterfly(p: RawSvi, t: number): { params: RawSvi; repaired: boolean } {
  if (sviSliceButterflyCheck(p).arbitrageFree) return { params: p, repaired: false };
  try {
    const jw = sviToJumpWings(p, t);
    const fix = sviRepairJumpWings({ v: jw.v, psi: jw.psi, p: jw.p, t });
    const q = sviFromJumpWings({ v: jw.v, psi: jw.psi, p: jw.p, c: fix.c, vTilde: fix.vTilde, t });
    if (Object.values(q).every(Number.isFinite) && sviSliceButterflyCheck(q).arbitrageFree)
      return { params: q, repaired: true };
  } catch {
    // The jump-wings repair is not defined for this smile (e.g. p + 2psi ≤ 0): shrink toward flat below.
  }
  const w0 = sviTotalVariance(p, 0);
  const blend = (l: number): RawSvi => ({ ...p, a: l * p.a + (1 - l) * w0, b: l * p.b });
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (sviSliceButterflyCheck(blend(mid)).arbitrageFree) lo = mid;
    else hi = mid;
  }
  return { params: blend(lo), repaired: true };
}

/**
 * Calendar check of two slices: the largest shortfall max_k (w_earlier(k) − w_later(k)) over `ks` (default:
 * fine grids around both slices' ATM standard deviations plus a coarse one over ±max(2, 8·sd)); ≤ 0 means
 * total variance does not decrease from the earlier to the later expiry on that grid.
 */
export function sviCalendarShortfall(
  earlier: RawSvi,
  later: RawSvi,
  ks: readonly number[] = calendarGrid(earlier, later),
): { shortfall: number; atK: number } {
  let shortfall = -Infinity;
  let atK = 0;
  {
    for (const k of ks) {
      const d = sviTotalVariance(earlier, k) - sviTotalVariance(later, k);
      if (d > shortfall) {
        shortfall = d;
        atK = k;
      }
    }
  }
  return { shortfall, atK };
}

/**
 * The calendar repair of one slice: among smiles with the wings steepened by β ∈ [1, β_max] (b·β, β_max
 * matching the earlier slice's steeper wing, capped by Lee's b(1 + |rho|) ≤ 4) and the level lifted by the
 * smallest δ ≥ 0 that clears the earlier slice on `ks`, the one closest to the quotes (weighted SSE in total
 * variance). β = 1 is the plain parallel lift.
 */
function liftAbove(
  earlier: RawSvi,
  later: RawSvi,
  at: { e: SurfaceFitExpiry; ks: readonly number[] },
): RawSvi {
  const { e, ks } = at;
  const wingsOf = (p: RawSvi): [number, number] => [p.b * (1 - p.rho), p.b * (1 + p.rho)];
  const [eLeft, eRight] = wingsOf(earlier);
  const [lLeft, lRight] = wingsOf(later);
  let betaMax = 1;
  if (later.b > 0) {
    betaMax = Math.max(1, eLeft / Math.max(lLeft, 1e-12), eRight / Math.max(lRight, 1e-12));
    betaMax = Math.min(betaMax, 4 / (later.b * (1 + Math.abs(later.rho))));
    betaMax = Math.max(betaMax, 1);
  }
  let best: RawSvi | null = null;
  let bestSse = Infinity;
  const steps = betaMax > 1 ? 40 : 0;
  for (let i = 0; i <= steps; i++) {
    const beta = steps === 0 ? 1 : 1 + ((betaMax - 1) * i) / steps;
    const steep = { ...later, b: later.b * beta };
    const { shortfall } = sviCalendarShortfall(earlier, steep, ks);
    const lift = Math.max(0, shortfall);
    const cand = { ...steep, a: steep.a + lift * (1 + 1e-9) + (lift > 0 ? 1e-14 : 0) };
    const sse = weightedRmse(cand, e).rmse;
    if (sse < bestSse) {
      bestSse = sse;
      best = cand;
    }
  }
  return best ?? later;
}

function validateExpiry(e: SurfaceFitExpiry): void {
  const at = `expiry ${e.expiry}`;
  if (!(e.t > 0) || e.t === Infinity)
    throw new RangeError(`${at}: t must be a finite number > 0, got ${e.t}`);
  if (!(e.forward > 0) || e.forward === Infinity)
    throw new RangeError(`${at}: forward must be a finite number > 0, got ${e.forward}`);
  if (e.ivs.length !== e.strikes.length)
    throw new RangeError(`${at}: ${e.ivs.length} ivs for ${e.strikes.length} strikes`);
  e.strikes.forEach((k, i) => {
    if (!(k > 0) || k === Infinity)
      throw new RangeError(`${at}: strikes[${i}] must be finite and > 0, got ${k}`);
  });
  e.ivs.forEach((v, i) => {
    if (!(v > 0) || v === Infinity) throw new RangeError(`${at}: ivs[${i}] must be finite and > 0, got ${v}`);
  });
}

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

function weightedRmse(p: RawSvi, e: SurfaceFitExpiry): { rmse: number; ivRmse: number } {
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

function makeSlice(
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

/**
 * Fits an arbitrage-checked implied-vol surface (pure). Per expiry: raw SVI calibrated by weighted least
 * squares to total variance w = iv²·t at k = ln(K/F) ({@link fitRawSvi}; at least 5 strikes), butterfly
 * arbitrage checked with Durrleman's g on a k grid and repaired ({@link sviRepairButterfly}); then, in
 * increasing t, calendar arbitrage checked (w non-decreasing in t at every k of the grid) and repaired by
 * lifting the later slice's level `a` by the largest shortfall, re-checking butterfly after each lift.
 * Derives per expiry the ATM IV (listed strike nearest F), the ±25-delta strikes and IVs (Black-76, r = 0)
 * and the risk reversal, and the term structure of ATM IVs.
 * @throws RangeError on no expiries, duplicate expiries, or invalid quotes (see {@link fitRawSvi}).
 */
export function fitSurface(input: SurfaceFitInput): FittedSurface {
  if (input.expiries.length === 0) throw new RangeError('fitSurface needs at least one expiry');
  const seen = new Set<string>();
  for (const e of input.expiries) {
    if (seen.has(e.expiry)) throw new RangeError(`expiry ${e.expiry} is listed twice`);
    seen.add(e.expiry);
    validateExpiry(e);
  }
  const ordered = [...input.expiries].sort((x, y) => x.t - y.t);
  const slices: FittedSlice[] = [];
  let previous: RawSvi | null = null;
  for (const e of ordered) {
    const fit = fitRawSvi({
      k: e.strikes.map((K) => Math.log(K / e.forward)),
      w: e.ivs.map((v) => v * v * e.t),
      weights: e.weights,
      t: e.t,
    });
    const butterfly = sviRepairButterfly(fit.params, e.t);
    let params = butterfly.params;
    const repaired: SliceRepairs = { butterfly: butterfly.repaired, calendar: false };
    let calendarFree = true;
    if (previous) {
      // The grid is fixed before any lift: a lift must not widen the range it is checked on.
      const ks = calendarGrid(previous, fit.params);
      for (let round = 0; round < 8; round++) {
        const { shortfall } = sviCalendarShortfall(previous, params, ks);
        calendarFree = shortfall <= 0;
        if (calendarFree) break;
        params = liftAbove(previous, params, { e, ks });
        repaired.calendar = true;
        const again = sviRepairButterfly(params, e.t);
        params = again.params;
        repaired.butterfly ||= again.repaired;
      }
      calendarFree = sviCalendarShortfall(previous, params, ks).shortfall <= 0;
    }
    slices.push(makeSlice(e, { calibrated: fit.params, params, calendarFree, repaired }));
    previous = params;
  }
  const byExpiry = new Map(slices.map((s) => [s.expiry, s]));
  const slice = (expiry: string): FittedSlice => {
    const s = byExpiry.get(expiry);
    if (!s) throw new RangeError(`expiry ${expiry} is not on the fitted surface`);
    return s;
  };
  return {
    slices,
    arbitrageFree: slices.every((s) => s.butterflyFree && s.calendarFree),
    termStructure: Object.fromEntries(slices.map((s) => [s.expiry, s.atmIv])),
    slice,
    ivAt: (expiry, strike) => slice(expiry).ivAt(strike),
  };
}
