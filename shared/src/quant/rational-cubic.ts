/*
 * Rational cubic interpolation (Delbourgo & Gregory, 1985) between two points with given slopes, as Jäckel's
 * "Let's Be Rational" (2015) uses it for the initial guess of implied vol. On [xl, xr] with h = xr − xl,
 * t = (x − xl)/h and a control parameter r:
 *   y = [yr·t³ + (r·yr − h·dr)·t²(1−t) + (r·yl + h·dl)·t(1−t)² + yl·(1−t)³] / [1 + (r − 3)·t(1−t)].
 * r = 3 is the cubic Hermite interpolant; a larger r pulls the curve towards the chord, which keeps it monotone
 * and convex (or concave) when the data are. r is chosen to match a second derivative at one end, and never
 * below the smallest value that preserves the shape of the data.
 */

/** Largest control parameter: beyond it the interpolant is the chord to within rounding. */
const MAX_R = 1 / Number.EPSILON;
/** Smallest control parameter: the denominator 1 + (r − 3)·t(1 − t) stays > 0 on [0, 1] for r > −1. */
const MIN_R = -(1 - Math.sqrt(Number.EPSILON));

/**
 * The interpolant at x (see the file comment). Arguments as the formula: xl, xr, yl, yr, dl, dr, r.
 */
// eslint-disable-next-line max-params -- a private kernel of the IV guess: an options object would allocate
export function rationalCubic(
  x: number,
  xl: number,
  xr: number,
  yl: number,
  yr: number,
  dl: number,
  dr: number,
  r: number,
): number {
  const h = xr - xl;
  if (!(Math.abs(h) > 0)) return 0.5 * (yl + yr);
  const t = (x - xl) / h;
  if (r >= MAX_R) return yr * t + yl * (1 - t);
  const omt = 1 - t;
  const t2 = t * t;
  const omt2 = omt * omt;
  const num = yr * t2 * t + (r * yr - h * dr) * t2 * omt + (r * yl + h * dl) * t * omt2 + yl * omt2 * omt;
  return num / (1 + (r - 3) * t * omt);
}

/**
 * Smallest r that keeps the interpolant monotone where the data are monotone (r ≥ (dl + dr)/Δ) and convex or
 * concave where they are (r ≥ (dr − dl)/(dr − Δ) and r ≥ (dr − dl)/(Δ − dl)), Δ = (yr − yl)/h the chord slope.
 */
export function minimumControl(dl: number, dr: number, delta: number): number {
  const monotone = dl * delta >= 0 && dr * delta >= 0;
  const convex = dl <= delta && delta <= dr;
  const concave = dl >= delta && delta >= dr;
  let r = MIN_R;
  if (monotone && delta !== 0) r = Math.max(r, (dl + dr) / delta);
  else if (monotone && dl + dr !== 0) return MAX_R;
  if (convex || concave) {
    const a = Math.abs(dr - delta);
    const b = Math.abs(delta - dl);
    const span = Math.abs(dr - dl);
    if (a > 0 && b > 0) r = Math.max(r, span / a, span / b);
    else if (span > 0) return MAX_R;
  }
  return Math.min(r, MAX_R);
}

/**
 * Control parameter that gives the interpolant the second derivative `second` at the left end (`atLeft`) or the
 * right end, raised to {@link minimumControl}. `h` is xr − xl, `delta` the chord slope.
 */
// eslint-disable-next-line max-params -- a private kernel of the IV guess (see rationalCubic)
export function controlForSecond(
  h: number,
  delta: number,
  dl: number,
  dr: number,
  second: number,
  atLeft: boolean,
): number {
  const num = 0.5 * h * second + (dr - dl);
  const den = atLeft ? delta - dl : dr - delta;
  const r = den !== 0 ? num / den : num > 0 ? MAX_R : MIN_R;
  return Math.min(Math.max(r, minimumControl(dl, dr, delta)), MAX_R);
}
