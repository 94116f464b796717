import { normCdf, normCdfWithExp, tailRatio, INV_SQRT_2PI } from './normal.ts';

/*
 * Normalised Black call in the out-of-the-money half-plane, accurate to a few ulps where the textbook formula
 * cancels catastrophically (deep out of the money, short expiry), so that implied vol converges to 1e-12 in
 * price everywhere. With h = x/s, t = s/2 and the Mills ratio Y(z) = N(z)/φ(z):
 *   b(x, s) = e^{x/2}·N(h + t) − e^{−x/2}·N(h − t) = φ(h)·e^{−t²/2}·[Y(h + t) − Y(h − t)],
 * because e^{x/2}·φ(h + t) = e^{−x/2}·φ(h − t) = φ(h)·e^{−t²/2}. The bracket is ∫ Y′(z) dz over [h − t, h + t]
 * with Y′ = 1 + z·Y > 0, integrated by Gauss–Legendre where the interval is narrow (no cancellation at all).
 */

const SQRT_2PI = 2.5066282746310002;
const SQRT_32 = 5.656854249492381;

// Cody's rational coefficients (as in normal.ts), reused for the Mills ratio without its exponential.
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
] as const;
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
] as const;
const P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5,
  0.023073441764940174,
] as const;
const Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7.297515550839662e-5,
] as const;

/** Y′(z) = 1 + z·Y(z), Y = N/φ, for z ≤ 0.75, computed without cancellation in the far tail. */
export function millsDerivative(z: number): number {
  const u = -z;
  if (u <= 0.66291) return 1 + (z * normCdf(z)) / (INV_SQRT_2PI * Math.exp(-0.5 * z * z));
  if (u <= SQRT_32) {
    const num =
      (((((((C[8] * u + C[0]) * u + C[1]) * u + C[2]) * u + C[3]) * u + C[4]) * u + C[5]) * u + C[6]) * u +
      C[7];
    const den =
      (((((((u + D[0]) * u + D[1]) * u + D[2]) * u + D[3]) * u + D[4]) * u + D[5]) * u + D[6]) * u + D[7];
    return 1 - u * SQRT_2PI * (num / den);
  }
  const w = 1 / (u * u);
  const num = (((((P[5] * w + P[0]) * w + P[1]) * w + P[2]) * w + P[3]) * w + P[4]) * w;
  const den = ((((w + Q[0]) * w + Q[1]) * w + Q[2]) * w + Q[3]) * w + Q[4];
  return SQRT_2PI * (num / den);
}

/** Above this |d2|/σ√T the difference of scaled tails cancels more than ~40 ulps: integrate instead. */
const MILLS_CUTOFF = 40;

// 8-point Gauss–Legendre on [−1, 1] (symmetric: nodes ±X, weights W).
const GX = [0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363] as const;
const GW = [0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763] as const;

// 4-point Gauss–Legendre on [−1, 1]: nodes ±GX4A, ±GX4B with weights GW4A, GW4B.
const GX4A = 0.3399810435848563;
const GX4B = 0.8611363115940526;
const GW4A = 0.6521451548625461;
const GW4B = 0.3478548451374538;

/**
 * Normalised Black call b(x, s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2) for x = ln(F/K) ≤ 0 (out of
 * the money) and s = σ√T > 0; 0 < b < e^{x/2}. Undiscounted price = √(F·K)·b.
 */
export function normalizedOtmCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  const d2 = h - t;
  if (d1 < -0.66291 && -d2 <= MILLS_CUTOFF * s) {
    // Both in the tail, interval not too narrow: e^{x/2}·N(d1) − e^{−x/2}·N(d2) = e^{−(h²+t²)/2}·[R(−d1) −
    // R(−d2)] with R(y) = N(−y)/e^{−y²/2} (both legs share the factor exactly; only the scaled tails cancel,
    // by at most ~MILLS_CUTOFF ulps): one exponential and two rationals instead of eight.
    return Math.exp(-0.5 * (h * h + t * t)) * (tailRatio(-d1) - tailRatio(-d2));
  }
  if (d1 <= 0.5 && t <= Math.max(-0.125 * h, 0.5)) {
    if (40 * t <= Math.max(-h, 1)) {
      // Narrow interval (t ≤ max(|h|, 1)/40): 4-point Gauss–Legendre already agrees with 8 points to ~1e-14.
      const a = t * GX4A;
      const b = t * GX4B;
      const sum4 =
        GW4A * (millsDerivative(h - a) + millsDerivative(h + a)) +
        GW4B * (millsDerivative(h - b) + millsDerivative(h + b));
      return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t)) * t * sum4;
    }
    let sum = 0;
    for (let i = 0; i < 4; i++) {
      const dz = t * (GX[i] as number);
      sum += (GW[i] as number) * (millsDerivative(h - dz) + millsDerivative(h + dz));
    }
    return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t)) * t * sum;
  }
  return Math.exp(0.5 * x) * normCdf(d1) - Math.exp(-0.5 * x) * normCdf(h - t);
}

/**
 * Above this value of (|d_far|/s)·(1 + d_far²) the textbook Black formula for an out-of-the-money option loses
 * more than ~5e-14 of relative accuracy to cancellation, and pricing switches to {@link normalizedOtmCall}.
 */
const WING_CUTOFF = 30;

/**
 * Black value on discounted legs: fd = F·D (e.g. S·e^{−qT}), kd = K·D, and the signed sdw = ±σ√T (σ√T > 0):
 * + for a call fd·N(d1) − kd·N(d2), − for a put kd·N(−d2) − fd·N(−d1); accurate to ~1e-13 relative even deep
 * out of the money. One kernel with one CDF call site, so that a caller's loop inlines it whole. The put is
 * the call with the legs swapped (x → −x), x = ln(fd/kd) taken in the same orientation as the call and the
 * implied-vol solver, because deep in the wing the price is so sensitive to x that ln(kd/fd) ≠ −ln(fd/kd) by
 * one rounding would show at 1e-12.
 */
export function blackOption(fd: number, kd: number, sdw: number): number {
  const isCall = sdw > 0;
  const sd = isCall ? sdw : -sdw;
  const ratio = fd / kd;
  const lx = Math.log(ratio);
  const x = isCall ? lx : -lx;
  const d1 = x / sd + 0.5 * sd;
  const d2 = d1 - sd;
  if (x < 0 && (-d2 / sd) * (1 + d2 * d2) > WING_CUTOFF) return Math.sqrt(fd * kd) * normalizedOtmCall(x, sd);
  const e1 = Math.exp(-0.5 * d1 * d1);
  // One exponential for both: e^{−d2²/2} = e^{−d1²/2}·(leg ratio) (recomputed only where e1 underflows).
  const e2 = e1 > 1e-290 ? e1 * (isCall ? ratio : kd / fd) : Math.exp(-0.5 * d2 * d2);
  return blackLegs(isCall ? fd : kd, isCall ? kd : fd, d1, d2, e1, e2);
}

/** Black call value on discounted legs (see {@link blackOption}): fd·N(d1) − kd·N(d2), sd = σ√T > 0. */
export function blackCall(fd: number, kd: number, sd: number): number {
  return blackOption(fd, kd, sd);
}

/** Black put value on discounted legs (see {@link blackOption}): kd·N(−d2) − fd·N(−d1), sd = σ√T > 0. */
export function blackPut(fd: number, kd: number, sd: number): number {
  return blackOption(fd, kd, -sd);
}

/** a·N(d1) − b·N(d2) given e^{−d²/2} of both, with one CDF call site (so that TurboFan inlines it once). */
// eslint-disable-next-line max-params -- a private kernel: named objects would allocate in the hot path
function blackLegs(a: number, b: number, d1: number, d2: number, e1: number, e2: number): number {
  let v = 0;
  for (let k = 0; k < 2; k++) {
    const n = normCdfWithExp(k === 0 ? d1 : d2, k === 0 ? e1 : e2);
    v = k === 0 ? a * n : v - b * n;
  }
  return v;
}
