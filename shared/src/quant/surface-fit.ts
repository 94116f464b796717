import { fitRawSvi } from './svi-fit.ts';
import { calendarGrid, sviCalendarShortfall, sviRepairButterfly } from './svi-slice-arbitrage.ts';
import type { RawSvi } from './svi.ts';
import type {
  FittedSlice,
  FittedSurface,
  SliceRepairs,
  SurfaceFitExpiry,
  SurfaceFitInput,
} from './surface-fit-types.ts';
import { makeSlice, weightedRmse } from './surface-slice.ts';

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
