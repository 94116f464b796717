import { normCdfWithExp, INV_SQRT_2PI } from './normal.ts';
import { normalizedOtmCall } from './normalized-black.ts';

/**
 * Results of {@link evalNormalizedBlack}: [0] the value (b, or b_max − b when asked for the complement),
 * [1] vega ∂b/∂s. A typed array holds raw doubles: returning two numbers through it allocates nothing.
 */
export const EV = new Float64Array(2);

/** Above this (|d2|/s)·(1 + d2²) the difference of the two legs cancels: price by the wing integral. */
const WING_CUTOFF = 30;

/**
 * Normalised Black call b(x, s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2) for x ≤ 0 and s > 0, with its
 * vega b' = φ(x/s)·e^{−s²/8}, from one exponential E = e^{−(h² + t²)/2} (h = x/s, t = s/2): b' = E/√(2π),
 * e^{−d1²/2} = E/b_max and e^{−d2²/2} = E·b_max, b_max = e^{x/2}. With `complement`, writes b_max − b =
 * e^{x/2}·N(−d1) + e^{−x/2}·N(d2) instead (two positive terms: no cancellation near the upper bound).
 * Both legs come from one CDF call site, so that TurboFan inlines the CDF once: a call left out of line
 * returns its double boxed, an allocation per leg.
 */
// eslint-disable-next-line max-params -- the IV solver's kernel: an options object would allocate per call
export function evalNormalizedBlack(x: number, s: number, bmax: number, complement: boolean): void {
  const h = x / s;
  const t = 0.5 * s;
  const e = Math.exp(-0.5 * (h * h + t * t));
  EV[1] = INV_SQRT_2PI * e;
  const d2 = h - t;
  if (!complement && x < 0 && (-d2 / s) * (1 + d2 * d2) > WING_CUTOFF) {
    EV[0] = normalizedOtmCall(x, s);
    return;
  }
  // sg = +1: b_max·N(d1) − N(d2)/b_max; sg = −1: b_max·N(−d1) + N(d2)/b_max.
  const sg = complement ? -1 : 1;
  let v = 0;
  for (let k = 0; k < 2; k++) {
    const n = normCdfWithExp(k === 0 ? sg * (h + t) : d2, k === 0 ? e / bmax : e * bmax);
    v = k === 0 ? bmax * n : v - (sg * n) / bmax;
  }
  EV[0] = v;
}
