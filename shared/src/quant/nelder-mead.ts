/** Options of {@link nelderMead}: initial step per coordinate, evaluation budget and stopping tolerances. */
export interface NelderMeadOptions {
  step: readonly number[];
  maxEval?: number;
  tol?: number;
  xTol?: number;
}

/**
 * Minimal Nelder–Mead simplex minimiser for small, smooth, unconstrained problems (internal helper).
 * Returns the best point found and its objective value; NaN objective values count as +∞.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  start: readonly number[],
  o: NelderMeadOptions,
): { x: Float64Array; fx: number } {
  const n = start.length;
  const { maxEval, tol, xTol } = stopping(o, n);
  const val = nanAsInfinity(f);
  const { pts, fs } = initialSimplex(start, o.step, val);
  let evals = n + 1;
  const centroid = new Float64Array(n);
  const trial = pointsOnLine(centroid);
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  while (evals < maxEval) {
    order.sort((a, b) => (fs[a] as number) - (fs[b] as number));
    const best = order[0] as number;
    const worst = order[n] as number;
    const second = order[n - 1] as number;
    const fb = fs[best] as number;
    const fw = fs[worst] as number;
    if (Math.abs(fw - fb) <= tol * (Math.abs(fb) + tol)) break;
    if (xTol > 0 && simplexSize(pts, best) <= xTol) break;
    centroid.fill(0);
    for (const i of order.slice(0, n)) {
      const p = pts[i] as Float64Array;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const pw = pts[worst] as Float64Array;
    const r = trial(pw, -1);
    const fr = val(r);
    evals++;
    if (fr < fb) {
      const e = trial(pw, -2);
      const fe = val(e);
      evals++;
      if (fe < fr) {
        pts[worst] = e;
        fs[worst] = fe;
      } else {
        pts[worst] = r;
        fs[worst] = fr;
      }
    } else if (fr < (fs[second] as number)) {
      pts[worst] = r;
      fs[worst] = fr;
    } else {
      const c = fr < fw ? trial(pw, -0.5) : trial(pw, 0.5);
      const fc = val(c);
      evals++;
      if (fc < Math.min(fr, fw)) {
        pts[worst] = c;
        fs[worst] = fc;
      } else {
        evals += shrinkTowardBest({ pts, fs }, order, val);
      }
    }
  }
  return bestVertex(pts, fs);
}

/** The stopping rules with their defaults: 400 evaluations per dimension, relative f spread 1e-12, no x rule. */
function stopping(o: NelderMeadOptions, n: number): { maxEval: number; tol: number; xTol: number } {
  return { maxEval: o.maxEval ?? 400 * n, tol: o.tol ?? 1e-12, xTol: o.xTol ?? 0 };
}

/** The objective with NaN read as +∞, so a NaN vertex always ranks worst. */
function nanAsInfinity(f: (x: Float64Array) => number): (x: Float64Array) => number {
  return (x) => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
}

/**
 * The trial points of a step, centroid + coef · (from − centroid): reflection (−1), expansion (−2) and
 * contractions (±0.5), for the centroid array the loop refills each iteration.
 */
function pointsOnLine(centroid: Float64Array): (from: Float64Array, coef: number) => Float64Array {
  const n = centroid.length;
  return (from, coef) => {
    const p = new Float64Array(n);
    for (let j = 0; j < n; j++)
      p[j] = (centroid[j] as number) + coef * ((from[j] as number) - (centroid[j] as number));
    return p;
  };
}

interface Simplex {
  pts: Float64Array[];
  fs: Float64Array;
}

/** The start point and one vertex per coordinate, moved by its step (0.1 when none), with their values. */
function initialSimplex(
  start: readonly number[],
  step: readonly number[],
  val: (x: Float64Array) => number,
): Simplex {
  const n = start.length;
  const pts: Float64Array[] = [];
  const fs = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(start);
    if (i > 0) p[i - 1] = (p[i - 1] as number) + (step[i - 1] ?? 0.1);
    pts.push(p);
    fs[i] = val(p);
  }
  return { pts, fs };
}

/**
 * The rare last resort when no contraction improves: every vertex but the best (order[0]) moves halfway to
 * the best. Returns the number of evaluations spent.
 */
function shrinkTowardBest(s: Simplex, order: readonly number[], val: (x: Float64Array) => number): number {
  const pb = s.pts[order[0] as number] as Float64Array;
  for (const i of order.slice(1)) {
    const p = s.pts[i] as Float64Array;
    for (let j = 0; j < p.length; j++)
      p[j] = (pb[j] as number) + 0.5 * ((p[j] as number) - (pb[j] as number));
    s.fs[i] = val(p);
  }
  return order.length - 1;
}

/** The vertex with the smallest value (the first one on a tie). */
function bestVertex(pts: readonly Float64Array[], fs: Float64Array): { x: Float64Array; fx: number } {
  let bi = 0;
  for (let i = 1; i < fs.length; i++) if ((fs[i] as number) < (fs[bi] as number)) bi = i;
  return { x: pts[bi] as Float64Array, fx: fs[bi] as number };
}

function simplexSize(pts: readonly Float64Array[], best: number): number {
  const pb = pts[best] as Float64Array;
  let size = 0;
  for (const p of pts)
    for (let j = 0; j < p.length; j++) size = Math.max(size, Math.abs((p[j] as number) - (pb[j] as number)));
  return size;
}
