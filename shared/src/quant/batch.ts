import { totalStdDevOnLegs } from './implied-vol.ts';
import { blackOption } from './normalized-black.ts';
import { type BsBatchInput, bad, length } from './batch-columns.ts';

export type { BsBatchInput, GreeksBatch } from './batch-columns.ts';
export { bsGreeksBatch } from './greeks-batch.ts';

/**
 * Black–Scholes–Merton prices of a whole chain (USD), same conventions as {@link bsPrice}.
 * Writes into `out` when given (length n) and returns it.
 * @throws RangeError on mismatched column lengths or an invalid row (naming the row).
 */
export function bsPriceBatch(inp: BsBatchInput, out?: Float64Array): Float64Array {
  const n = length({ ...inp, ...(out ? { out } : {}) });
  const res = out ?? new Float64Array(n);
  const { S, K, T, r, q, sigma, isCall } = inp;
  for (let i = 0; i < n; i++) {
    const s = S[i] as number;
    const k = K[i] as number;
    const t = T[i] as number;
    const ri = r[i] as number;
    const qi = q[i] as number;
    const v = sigma[i] as number;
    if (!(s > 0 && k > 0 && v >= 0 && Number.isFinite(s + k + t + ri + qi + v))) bad(i, s, k);
    const call = isCall[i] === 1;
    if (t <= 0) {
      res[i] = Math.max(call ? s - k : k - s, 0);
      continue;
    }
    const sd = v * Math.sqrt(t);
    const fs = qi === 0 ? s : s * Math.exp(-qi * t);
    const kd = ri === 0 ? k : k * Math.exp(-ri * t);
    if (sd === 0) {
      res[i] = Math.max(call ? fs - kd : kd - fs, 0);
      continue;
    }
    res[i] = blackOption(fs, kd, call ? sd : -sd); // one call site: inlined with its CDF
  }
  return res;
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
