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
  if (beta < bc) {
    const sl = sc - bc / vc;
    if (!(sl > 0)) {
      // |x| below rounding of the tangent (x ≈ −1e-16): the chord from the origin is as good.
      GUESS[0] = (sc * beta) / bc;
      return LOWER_MIDDLE;
    }
    evalNormalizedBlack(x, sl, bmax, false);
    const bl = EV[0] as number;
    const vl = EV[1] as number;
    if (beta < bl) {
      GUESS[0] = lowestGuess(beta, x, sl, bl, vl);
      return LOWEST;
    }
    const dl = 1 / vl;
    const dr = 1 / vc;
    const r = controlForSecond(bc - bl, (sc - sl) / (bc - bl), dl, dr, 0, false);
    GUESS[0] = rationalCubic(beta, bl, bc, sl, sc, dl, dr, r);
    return LOWER_MIDDLE;
  }
  const su = sc + (bmax - bc) / vc;
  evalNormalizedBlack(x, su, bmax, true);
  const bu = bmax - (EV[0] as number);
  const vu = EV[1] as number;
  if (beta <= bu) {
    const dl = 1 / vc;
    const dr = 1 / vu;
    const r = controlForSecond(bu - bc, (su - sc) / (bu - bc), dl, dr, 0, true);
    GUESS[0] = rationalCubic(beta, bc, bu, sc, su, dl, dr, r);
    return UPPER_MIDDLE;
  }
  GUESS[0] = upperGuess(beta, x, bmax, su, bu, vu);
  return UPPER;
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
