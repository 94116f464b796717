/** Arbitrage checks and repairs of one SVI slice on the k grid the surface fit uses (butterfly and calendar). */
import {
  sviButterflyCheck,
  sviFromJumpWings,
  sviRepairJumpWings,
  sviToJumpWings,
  sviTotalVariance,
  type RawSvi,
} from './svi.ts';

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

/** Standard deviation of log-moneyness at the money: sqrt(w(0)), floored. */
export const atmSdOf = (p: RawSvi): number => Math.sqrt(Math.max(sviTotalVariance(p, 0), 1e-12));

/** The k points where two slices are compared for calendar arbitrage. */
export const calendarGrid = (earlier: RawSvi, later: RawSvi): number[] => [
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
