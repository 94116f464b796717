import { EV, evalNormalizedBlack } from './iv-eval.ts';
import { normCdfWithExp, normInvApprox, INV_SQRT_2PI } from './normal.ts';
import { controlForSecond, rationalCubic } from './rational-cubic.ts';

/*
 * Initial guess of the total implied deviation s = σ√T for a normalised out-of-the-money call price β on
 * x = ln(F/K) ≤ 0, after Jäckel, "Let's Be Rational" (Wilmott, 2015). b(s) has one inflection point,
 * s_c = √(2|x|), where its vega is v_c = e^{x/2}/√(2π); the tangent there meets 0 at s_l and b_max = e^{x/2} at
 * s_u. The prices b_l = b(s_l), b_c = b(s_c) and b_u = b(s_u) cut (0, b_max) into four branches:
 * - β < b_l: b ≈ f(s) = (2π|x|/(3√3))·N(−|x|/(√3·s))³ as s → 0, and f is interpolated as a function of β
 *   (f(0) = 0, f′(0) = 1, value, slope and curvature of f(s(β)) at b_l), then inverted in closed form;
 * - b_l ≤ β < b_c and b_c ≤ β ≤ b_u: s(β) itself is interpolated, with slopes 1/b′ at both ends and zero
 *   curvature at the inflection point;
 * - β > b_u: b_max − b ≈ 2·N(−s/2) as s → ∞, and f(s) = N(−s/2) is interpolated on [b_u, b_max] (f′ = −1/2
 *   at b_max), then s = −2·N⁻¹(f).
 * Each interpolant is a rational cubic that preserves the monotonicity and convexity of its data, so the guess
 * is within a small relative distance of the root everywhere and the Householder steps converge at once.
 */

/** The guess's branch, which also selects the objective of the iteration (see implied-vol.ts). */
export const LOWEST = 0;
export const LOWER_MIDDLE = 1;
export const UPPER_MIDDLE = 2;
export const UPPER = 3;

/** The guessed s, written by {@link initialGuess} (which returns the branch). */
export const GUESS = new Float64Array(1);

const INV_SQRT3 = 0.5773502691896258;
const TWO_PI_OVER_3_SQRT3 = 1.2091995761561452; // 2π/(3√3)

/**
 * Writes the guessed s to {@link GUESS} and returns the branch of β; 0 < β < b_max = e^{x/2}, x ≤ 0.
 * Costs one evaluation of b (at s_l or s_u), plus a CDF and an inverse CDF on the outer branches.
 */
export function initialGuess(beta: number, x: number, bmax: number): number {
  const sc = Math.sqrt(-2 * x);
  // At s_c, d1 = 0 and e^{−s_c²/2} = e^{x} = b_max².
  const bc = 0.5 * bmax - normCdfWithExp(-sc, bmax * bmax) / bmax;
  const vc = INV_SQRT_2PI * bmax;
  const lower = beta < bc;
  // One evaluation, at s_l below b_c or at s_u above it (one call site: inlined once, see iv-eval.ts).
  const probe = lower ? sc - bc / vc : sc + (bmax - bc) / vc;
  if (!(probe > 0)) {
    // |x| below the rounding of the tangent (x ≈ −1e-16, so s_l ≤ 0): the chord from the origin is as good.
    GUESS[0] = (sc * beta) / bc;
    return LOWER_MIDDLE;
  }
  evalNormalizedBlack(x, probe, bmax, !lower);
  const vp = EV[1] as number;
  const bp = lower ? (EV[0] as number) : bmax - (EV[0] as number);
  if (lower ? beta < bp : beta > bp) {
    GUESS[0] = lower ? lowestGuess(beta, x, probe, bp, vp) : upperGuess(beta, x, bmax, probe, bp, vp);
    return lower ? LOWEST : UPPER;
  }
  // Middle branches: s(β) between the probe and (b_c, s_c), zero curvature at the inflection point.
  const b0 = lower ? bp : bc;
  const b1 = lower ? bc : bp;
  const s0 = lower ? probe : sc;
  const s1 = lower ? sc : probe;
  const d0 = lower ? 1 / vp : 1 / vc;
  const d1 = lower ? 1 / vc : 1 / vp;
  const r = controlForSecond(b1 - b0, (s1 - s0) / (b1 - b0), d0, d1, 0, !lower);
  GUESS[0] = rationalCubic(beta, b0, b1, s0, s1, d0, d1, r);
  return lower ? LOWER_MIDDLE : UPPER_MIDDLE;
}

/** b′′/b′ = x²/s³ − s/4 (zero at the inflection point s_c). */
function curvature(x: number, s: number): number {
  return (x * x) / (s * s * s) - 0.25 * s;
}

/** The lowest branch: f(β) interpolated on [0, b_l], then s = |x|/(√3·(−N⁻¹((f/c)^{1/3}))). */
// eslint-disable-next-line max-params -- private to initialGuess
function lowestGuess(beta: number, x: number, sl: number, bl: number, vl: number): number {
  const ax = -x;
  const c = TWO_PI_OVER_3_SQRT3 * ax;
  const z = (-ax * INV_SQRT3) / sl;
  const ez = Math.exp(-0.5 * z * z);
  const a = normCdfWithExp(z, ez);
  const p = INV_SQRT_2PI * ez;
  const zp = -z / sl; // dz/ds
  const zpp = (2 * z) / (sl * sl);
  // f = c·N(z)³ and its s-derivatives, then as a function of β: f′/b′ and (f′′ − f′·b′′/b′)/b′².
  const f = c * a * a * a;
  const fs = 3 * c * a * a * p * zp;
  const fss = 3 * c * a * p * (zp * zp * (2 * p - z * a) + a * zpp);
  const fb = fs / vl;
  const fbb = (fss - fs * curvature(x, sl)) / (vl * vl);
  const r = controlForSecond(bl, f / bl, 1, fb, fbb, false);
  const fhat = rationalCubic(beta, 0, bl, 0, f, 1, fb, r);
  const q = normInvApprox(Math.cbrt(fhat / c));
  return q < 0 ? (ax * INV_SQRT3) / -q : sl;
}

/** The upper branch: f(β) = N(−s/2) interpolated on [b_u, b_max], then s = −2·N⁻¹(f). */
// eslint-disable-next-line max-params -- private to initialGuess
function upperGuess(beta: number, x: number, bmax: number, su: number, bu: number, vu: number): number {
  const e = Math.exp(-0.125 * su * su);
  const f = normCdfWithExp(-0.5 * su, e);
  const fs = -0.5 * INV_SQRT_2PI * e;
  const fss = 0.125 * su * INV_SQRT_2PI * e;
  const fb = fs / vu;
  const fbb = (fss - fs * curvature(x, su)) / (vu * vu);
  const h = bmax - bu;
  const r = controlForSecond(h, -f / h, fb, -0.5, fbb, true);
  const fhat = rationalCubic(beta, bu, bmax, f, 0, fb, -0.5, r);
  return -2 * normInvApprox(Math.max(fhat, Number.MIN_VALUE));
}
