import { type BsBatchInput, type GreeksBatch, bad, greeksColumns, length } from './batch-columns.ts';
import { normCdfWithExp, INV_SQRT_2PI } from './normal.ts';

/**
 * Black–Scholes–Merton Greeks of a whole chain in raw units (as {@link bsGreeks}); T ≤ 0 rows are zero.
 * Writes into `out` when given and returns it.
 * @throws RangeError on mismatched column lengths or an invalid row.
 *
 * The loop body is the scalar kernel of bsGreeks on columns: one exponential for φ(d1) and both CDFs (plus
 * e^{−rT} once per expiry), no object per row, and one cheap check after the
 * arithmetic that sends every invalid or degenerate row to {@link carefulRow}.
 */
export function bsGreeksBatch(inp: BsBatchInput, out?: GreeksBatch): GreeksBatch {
  const n = length({ ...inp, ...(out ?? {}) });
  const res = out ?? greeksColumns(n);
  const { S, K, T, r, q, sigma, isCall } = inp;
  const { delta, gamma, vega, theta, rho } = res;
  let bad = 0;
  // Rows in runs that share T, r and q (a chain sorted by expiry: one run per expiry): √T, e^{−rT} and e^{−qT}
  // once per run, then the strikes with those as loop constants.
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
      const s = S[i] as number;
      const v = sigma[i] as number;
      const w = isCall[i] === 1 ? 1 : -1;
      const sd = v * sqrtT;
      const invSd = 1 / sd;
      const sq = s * dq;
      const kr = (K[i] as number) * dr;
      const ratio = sq / kr;
      const d1 = Math.log(ratio) * invSd + sd * 0.5;
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
      const vg = sq * (pdf * sqrtT);
      // n1 = w·N(w·d1), n2 = w·N(w·d2) with e^{−d2²/2} = e^{−d1²/2}·Sq/Kr (see bsGreeks); this function is
      // compiled on its own (never inlined into a caller), so both CDF calls fit TurboFan's inlining budget.
      const n1 = w * normCdfWithExp(w * d1, e);
      const n2 = w * normCdfWithExp(w * (d1 - sd), e * ratio);
      delta[i] = dq * n1;
      gamma[i] = (dq * pdf * invSd) / s;
      vega[i] = vg;
      // The decay term −S·e^{−qT}·φ(d1)·σ/(2√T), with σ/√T = σ²/(σ√T): no division by T.
      theta[i] = qi * (sq * n1) - ri * (kr * n2) - sq * pdf * (v * v * invSd) * 0.5;
      rho[i] = kr * (t * n2);
    }
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

/** One row outside the common case: validation (throws naming the row), T ≤ 0, sigma = 0, |d1| > 36.5. */
function carefulRow(inp: BsBatchInput, i: number, res: GreeksBatch): void {
  const s = inp.S[i] as number;
  const k = inp.K[i] as number;
  const t = inp.T[i] as number;
  const ri = inp.r[i] as number;
  const qi = inp.q[i] as number;
  const v = inp.sigma[i] as number;
  if (!(s > 0 && k > 0 && v >= 0 && Number.isFinite(s + k + t + ri + qi + v))) bad(i, s, k);
  const call = inp.isCall[i] === 1;
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
