import { type BsBatchInput, type GreeksBatch, greeksColumns, length, rowOf } from './batch-columns.ts';
import { normCdfWithExp, INV_SQRT_2PI } from './normal.ts';

/**
 * Black–Scholes–Merton Greeks of a whole chain in raw units (as {@link bsGreeks}); T ≤ 0 rows are zero.
 * Writes into `out` when given and returns it; its columns serve as scratch, so none may be a column of `inp`.
 * @throws RangeError on mismatched column lengths or an invalid row.
 *
 * bsGreeks' formulas on columns, in three passes over the rows that use the output columns as scratch: (1)
 * √T, e^{−qT} and K·e^{−rT}, once per run of rows sharing T, r and q (one run per expiry of a sorted chain);
 * (2) d1, the logarithm; (3) one exponential for φ(d1) and both CDFs, then the Greeks. V8 calls Math.exp and
 * Math.log as C functions, around which every live double is spilled and reloaded: split this way, few values
 * live across each call (about 1.2× one loop doing it all on issue 12's random set, where every row is its own
 * run, 1.1× on chains). No object per row; one cheap check sends every invalid or degenerate row to
 * {@link carefulRow} after the loop.
 */
export function bsGreeksBatch(inp: BsBatchInput, out?: GreeksBatch): GreeksBatch {
  const n = length({ ...inp, ...(out ?? {}) });
  const res = out ?? greeksColumns(n);
  const { S, K, T, r, q, sigma, isCall } = inp;
  const { delta, gamma, vega, theta, rho } = res;
  // Pass 1: gamma = √T, theta = e^{−qT}, rho = K·e^{−rT}.
  for (let i = 0; i < n;) {
    const t = T[i] as number;
    const ri = r[i] as number;
    const qi = q[i] as number;
    let end = i + 1;
    while (end < n && T[end] === t && r[end] === ri && q[end] === qi) end++;
    const sqrtT = Math.sqrt(t);
    const dr = Math.exp(t * -ri);
    const dq = qi === 0 ? 1 : Math.exp(t * -qi);
    for (; i < end; i++) {
      gamma[i] = sqrtT;
      theta[i] = dq;
      rho[i] = (K[i] as number) * dr;
    }
  }
  // Pass 2: vega = d1. Invalid rows give NaN or ±∞ here and fail the check of pass 3.
  for (let i = 0; i < n; i++) {
    const sd = (sigma[i] as number) * (gamma[i] as number);
    vega[i] = Math.log(((S[i] as number) * (theta[i] as number)) / (rho[i] as number)) / sd + sd * 0.5;
  }
  // Pass 3: the Greeks.
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const s = S[i] as number;
    const v = sigma[i] as number;
    const sqrtT = gamma[i] as number;
    const dq = theta[i] as number;
    const kr = rho[i] as number;
    const d1 = vega[i] as number;
    const w = isCall[i] === 1 ? 1 : -1;
    const sd = v * sqrtT;
    const invSd = 1 / sd;
    const sq = s * dq;
    const e = Math.exp(d1 * (d1 * -0.5));
    // sd > 0 means T > 0 and sigma > 0; with S > 0, any K ≤ 0 or non-finite input makes d1 NaN or infinite
    // and e fail. |d1| > 36.5, where e^{−d2²/2} must be computed on its own, also takes the careful path.
    if (!(s > 0 && sd > 0 && e > 1e-290)) {
      // Marked and done after the loop: a call inside it costs the common rows a few percent.
      delta[i] = NaN;
      bad++;
      continue;
    }
    const pdf = e * INV_SQRT_2PI;
    // n1 = w·N(w·d1), n2 = w·N(w·d2) with e^{−d2²/2} = e^{−d1²/2}·Sq/Kr (see bsGreeks); this function is
    // compiled on its own (never inlined into a caller), so both CDF calls fit TurboFan's inlining budget.
    const n1 = w * cdf(w * d1, e);
    const n2 = w * cdf(w * (d1 - sd), e * (sq / kr));
    const t = T[i] as number;
    delta[i] = dq * n1;
    gamma[i] = (dq * pdf * invSd) / s;
    vega[i] = sq * (pdf * sqrtT);
    // The decay term −S·e^{−qT}·φ(d1)·σ/(2√T), with σ/√T = σ²/(σ√T): no division by T.
    theta[i] = (q[i] as number) * (sq * n1) - (r[i] as number) * (kr * n2) - sq * pdf * (v * v * invSd) * 0.5;
    rho[i] = kr * (t * n2);
  }
  // The fast path writes a finite delta, so the NaN rows are exactly the marked ones (in order: the first
  // invalid row is the one named by the error).
  for (let i = 0; bad > 0 && i < n; i++)
    if (Number.isNaN(delta[i])) {
      carefulRow(inp, i, res);
      bad--;
    }
  return res;
}

/**
 * N(x) given e = e^{−x²/2}, as normCdfWithExp but without its branch on the sign of x, which rows of mixed
 * strikes and types mispredict about half the time: the CDF runs on −|x| (its own sign branch then always
 * goes the same way) and 1 − N(−x) for x > 0 is picked by multiplying with an exact 0 or 1 (a few % faster;
 * the value is the same, or one ulp off in the centre, |x| ≤ 0.66291).
 */
function cdf(x: number, e: number): number {
  const lower = normCdfWithExp(-Math.abs(x), e);
  const up = +(x > 0);
  return up * (1 - lower) + (1 - up) * lower;
}

/** One row outside the common case: validation (throws naming the row), T ≤ 0, sigma = 0, |d1| > 36.5. */
function carefulRow(inp: BsBatchInput, i: number, res: GreeksBatch): void {
  const { s, k, t, r: ri, q: qi, v, call } = rowOf(inp, i);
  const w = call ? 1 : -1;
  const sqrtT = Math.sqrt(t);
  const sd = v * sqrtT;
  const dq = t <= 0 ? 0 : Math.exp(-qi * t);
  const dr = t <= 0 ? 0 : Math.exp(-ri * t);
  const fs = s * dq;
  const kd = k * dr;
  if (t <= 0 || sd === 0) {
    // Expired or zero vol: the scalar formulas' conventions (a step in delta, no gamma or vega).
    const itm = t > 0 && (call ? fs > kd : kd > fs);
    res.delta[i] = itm ? w * dq : 0;
    res.gamma[i] = 0;
    res.vega[i] = 0;
    res.theta[i] = itm ? w * (qi * fs - ri * kd) : 0;
    res.rho[i] = itm ? w * k * t * dr : 0;
    return;
  }
  const d1 = Math.log(fs / kd) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const e1 = Math.exp(-0.5 * d1 * d1);
  const e2 = Math.exp(-0.5 * d2 * d2);
  const pdf = INV_SQRT_2PI * e1;
  const n1 = w * normCdfWithExp(w * d1, e1);
  const n2 = w * normCdfWithExp(w * d2, e2);
  res.delta[i] = dq * n1;
  res.gamma[i] = (dq * pdf) / (s * sd);
  res.vega[i] = fs * pdf * sqrtT;
  res.theta[i] = (-fs * pdf * v) / (2 * sqrtT) - ri * kd * n2 + qi * fs * n1;
  res.rho[i] = kd * t * n2;
}
