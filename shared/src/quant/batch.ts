import { totalStdDevOnLegs } from './implied-vol.ts';
import { normCdfWithExp } from './normal.ts';
import { blackOption } from './normalized-black.ts';
import { type BsBatchInput, bad, length, rowOf } from './batch-columns.ts';

export type { BsBatchInput, GreeksBatch } from './batch-columns.ts';
export { bsGreeksBatch } from './greeks-batch.ts';

/**
 * Black–Scholes–Merton prices of a whole chain (USD), same conventions as {@link bsPrice}.
 * Writes into `out` when given (length n) and returns it.
 * @throws RangeError on mismatched column lengths or an invalid row (naming the row).
 *
 * The loop body is bsPrice's kernel on columns (one exponential for both CDFs, e^{−rT} once per expiry); one
 * cheap check after the arithmetic sends invalid, degenerate and far-wing rows to {@link carefulPrice}.
 */
export function bsPriceBatch(inp: BsBatchInput, out?: Float64Array): Float64Array {
  const n = length({ ...inp, ...(out ? { out } : {}) });
  const res = out ?? new Float64Array(n);
  const { S, K, T, r, q, sigma, isCall } = inp;
  // Per-expiry factors of the previous row (recomputed when T, r or q change).
  let tPrev = NaN;
  let rPrev = NaN;
  let qPrev = NaN;
  let sqrtT = NaN;
  let dr = NaN;
  let dq = NaN;
  for (let i = 0; i < n; i++) {
    const s = S[i] as number;
    const t = T[i] as number;
    const ri = r[i] as number;
    const qi = q[i] as number;
    if (t !== tPrev || ri !== rPrev || qi !== qPrev) {
      sqrtT = Math.sqrt(t);
      dr = Math.exp(t * -ri);
      dq = qi === 0 ? 1 : Math.exp(t * -qi);
      tPrev = t;
      rPrev = ri;
      qPrev = qi;
    }
    const sd = (sigma[i] as number) * sqrtT;
    const call = isCall[i] === 1;
    const sq = s * dq;
    const kr = (K[i] as number) * dr;
    // A put is the call with the discounted legs swapped, x = ln(Sq/Kr) negated (see blackPut).
    const lx = Math.log(sq / kr);
    const x = call ? lx : -lx;
    const d1 = x / sd + sd * 0.5;
    const d2 = d1 - sd;
    const e = Math.exp(d1 * (d1 * -0.5));
    // Invalid rows fail the first test (as in bsPrice); the second is blackOption's wing test multiplied out.
    if (!(s > 0 && sd > 0 && e > 1e-290) || (x < 0 && d2 * (d2 * d2 + 1) < sd * -30)) {
      res[i] = carefulPrice(inp, i);
      continue;
    }
    const fd = call ? sq : kr;
    const kd = call ? kr : sq;
    res[i] = fd * normCdfWithExp(d1, e) - kd * normCdfWithExp(d2, e * (fd / kd));
  }
  return res;
}

/** One row outside the common case: validation (throws naming the row), T ≤ 0, sigma = 0, the far wing. */
function carefulPrice(inp: BsBatchInput, i: number): number {
  const { s, k, t, r: ri, q: qi, v, call } = rowOf(inp, i);
  if (t <= 0) return Math.max(call ? s - k : k - s, 0);
  const sd = v * Math.sqrt(t);
  const fs = qi === 0 ? s : s * Math.exp(-qi * t);
  const kd = k * Math.exp(-ri * t);
  if (sd === 0) return Math.max(call ? fs - kd : kd - fs, 0);
  return blackOption(fs, kd, call ? sd : -sd);
}

/** Columns for {@link impliedVolBatch}: market prices in USD plus the BSM inputs except sigma. */
export type ImpliedVolBatchInput = Omit<BsBatchInput, 'sigma'> & { price: Float64Array };

/**
 * Implied volatilities of a whole chain (annualised), same conventions as {@link impliedVol} with
 * `model: 'bs'`: NaN for a row whose price is outside the no-arbitrage bounds or whose T ≤ 0.
 * @throws RangeError on mismatched column lengths or an invalid row (non-finite, S ≤ 0 or K ≤ 0).
 */
export function impliedVolBatch(inp: ImpliedVolBatchInput, out?: Float64Array): Float64Array {
  const n = length({ ...inp, ...(out ? { out } : {}) });
  const res = out ?? new Float64Array(n);
  const { price, S, K, T, r, q, isCall } = inp;
  for (let i = 0; i < n; i++) {
    const s = S[i] as number;
    const k = K[i] as number;
    const t = T[i] as number;
    const ri = r[i] as number;
    const qi = q[i] as number;
    const p = price[i] as number;
    if (!(s > 0 && k > 0 && Number.isFinite(s + k + t + ri + qi + p))) bad(i, s, k);
    if (t <= 0) {
      res[i] = NaN;
      continue;
    }
    const fd = qi === 0 ? s : s * Math.exp(-qi * t);
    res[i] = totalStdDevOnLegs(p, fd, k * Math.exp(-ri * t), isCall[i] === 1) / Math.sqrt(t);
  }
  return res;
}
