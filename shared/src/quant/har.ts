/** Result of {@link harRvForecast}: the next-period realized variance and the OLS coefficients. */
export interface HarRvResult {
  /** Forecast of the next period's realized variance (same units as the input). */
  forecast: number;
  /** [β0, β_short, β_medium, β_long] of RV_{t+1} = β0 + β_s·RV_t + β_m·mean_m(RV) + β_l·mean_l(RV). */
  coefficients: [number, number, number, number];
  /** Number of regression rows used. */
  observations: number;
}

function mean(rv: readonly number[], end: number, len: number): number {
  let s = 0;
  for (let i = end - len + 1; i <= end; i++) s += rv[i] as number;
  return s / len;
}

/** Solves the 4×4 normal equations A·x = b (Gaussian elimination, partial pivoting); null if singular. */
function solve4(A: number[][], b: number[]): number[] | null {
  const n = 4;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((A[r] as number[])[c] as number) > Math.abs((A[p] as number[])[c] as number)) p = r;
    [A[c], A[p]] = [A[p] as number[], A[c] as number[]];
    [b[c], b[p]] = [b[p] as number, b[c] as number];
    const rc = A[c] as number[];
    const piv = rc[c] as number;
    if (Math.abs(piv) < 1e-300) return null;
    for (let r = c + 1; r < n; r++) {
      const rr = A[r] as number[];
      const f = (rr[c] as number) / piv;
      for (let j = c; j < n; j++) rr[j] = (rr[j] as number) - f * (rc[j] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = [0, 0, 0, 0];
  for (let r = n - 1; r >= 0; r--) {
    const rr = A[r] as number[];
    let s = b[r] as number;
    for (let j = r + 1; j < n; j++) s -= (rr[j] as number) * (x[j] as number);
    x[r] = s / (rr[r] as number);
  }
  return x;
}

/**
 * HAR-RV (Corsi 2009) one-step forecast of realized variance from a series of per-period realized variances
 * (oldest first, ≥ 0): OLS of RV_{t+1} on RV_t and the means of the last `medium` and `long` periods
 * (defaults 5 and 22, the daily/weekly/monthly lags), then applied at the last period. The forecast is
 * floored at 0.
 * @throws RangeError when there are fewer than long + 10 values, a value is negative or non-finite,
 * the lags are not 1 < medium < long, or the regression is singular.
 */
export function harRvForecast(
  rv: readonly number[],
  o: { medium?: number; long?: number } = {},
): HarRvResult {
  const medium = o.medium ?? 5;
  const long = o.long ?? 22;
  if (!(Number.isInteger(medium) && Number.isInteger(long) && medium > 1 && long > medium))
    throw new RangeError(`lags must be integers with 1 < medium < long, got ${medium}, ${long}`);
  if (rv.length < long + 10)
    throw new RangeError(`harRvForecast needs at least ${long + 10} values, got ${rv.length}`);
  rv.forEach((v, i) => {
    if (!(v >= 0) || v === Infinity) throw new RangeError(`rv[${i}] must be a finite number ≥ 0, got ${v}`);
  });
  const A = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const b = [0, 0, 0, 0];
  let rows = 0;
  for (let t = long - 1; t < rv.length - 1; t++) {
    const x = [1, rv[t] as number, mean(rv, t, medium), mean(rv, t, long)];
    const y = rv[t + 1] as number;
    for (let i = 0; i < 4; i++) {
      b[i] = (b[i] as number) + (x[i] as number) * y;
      const Ai = A[i] as number[];
      for (let j = 0; j < 4; j++) Ai[j] = (Ai[j] as number) + (x[i] as number) * (x[j] as number);
    }
    rows++;
  }
  const beta = solve4(A, b);
  if (beta === null || !beta.every(Number.isFinite))
    throw new RangeError('HAR regression is singular (constant series?)');
  const last = rv.length - 1;
  const f =
    (beta[0] as number) +
    (beta[1] as number) * (rv[last] as number) +
    (beta[2] as number) * mean(rv, last, medium) +
    (beta[3] as number) * mean(rv, last, long);
  return {
    forecast: Math.max(f, 0),
    coefficients: beta as [number, number, number, number],
    observations: rows,
  };
}
