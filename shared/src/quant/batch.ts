import { impliedVolDiscounted } from './implied-vol.ts';
import { normCdfWithExp, INV_SQRT_2PI } from './normal.ts';
import { blackOption } from './normalized-black.ts';

/**
 * Columns of a chain for the batch API: element i is one option. Units as {@link bsPrice}: S, K in USD,
 * T years, r and q continuous (1.00 = 100 %/yr), sigma annualised; isCall[i] = 1 for a call, 0 for a put.
 * For Black-76 on a forward F, pass S = F and q = r.
 */
export interface BsBatchInput {
  S: Float64Array;
  K: Float64Array;
  T: Float64Array;
  r: Float64Array;
  q: Float64Array;
  sigma: Float64Array;
  isCall: Uint8Array;
}

/** Greeks columns in the raw units of {@link bsGreeks} (vega per 1.00 σ, theta per year, rho per 1.00 r). */
export interface GreeksBatch {
  delta: Float64Array;
  gamma: Float64Array;
  vega: Float64Array;
  theta: Float64Array;
  rho: Float64Array;
}

function length(cols: Record<string, { length: number }>): number {
  let n = -1;
  for (const [name, c] of Object.entries(cols)) {
    if (n === -1) n = c.length;
    else if (c.length !== n) throw new RangeError(`column ${name} has ${c.length} rows, expected ${n}`);
  }
  return Math.max(n, 0);
}

function greeksColumns(n: number): GreeksBatch {
  return {
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    vega: new Float64Array(n),
    theta: new Float64Array(n),
    rho: new Float64Array(n),
  };
}

function bad(i: number, S: number, K: number): never {
  throw new RangeError(`row ${i}: need finite inputs with S > 0, K > 0, sigma ≥ 0 (S=${S}, K=${K})`);
}

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

/**
 * Black–Scholes–Merton Greeks of a whole chain in raw units (as {@link bsGreeks}); T ≤ 0 rows are zero.
 * Writes into `out` when given and returns it.
 * @throws RangeError on mismatched column lengths or an invalid row.
 */
export function bsGreeksBatch(inp: BsBatchInput, out?: GreeksBatch): GreeksBatch {
  const n = length({ ...inp, ...(out ?? {}) });
  const res = out ?? greeksColumns(n);
  const { S, K, T, r, q, sigma, isCall } = inp;
  for (let i = 0; i < n; i++) {
    const s = S[i] as number;
    const k = K[i] as number;
    const t = T[i] as number;
    const ri = r[i] as number;
    const qi = q[i] as number;
    const v = sigma[i] as number;
    if (!(s > 0 && k > 0 && v >= 0 && Number.isFinite(s + k + t + ri + qi + v))) bad(i, s, k);
    const sqrtT = Math.sqrt(t);
    const sd = v * sqrtT;
    if (t <= 0 || sd === 0) {
      // Expired or zero vol: delegate the rare degenerate rows to the scalar formulas' conventions.
      const dq = t <= 0 ? 0 : Math.exp(-qi * t);
      const dr = t <= 0 ? 0 : Math.exp(-ri * t);
      const call = isCall[i] === 1;
      const itm = t > 0 && (call ? s * dq > k * dr : k * dr > s * dq);
      const w = call ? 1 : -1;
      res.delta[i] = itm ? w * dq : 0;
      res.gamma[i] = 0;
      res.vega[i] = 0;
      res.theta[i] = itm ? w * (qi * s * dq - ri * k * dr) : 0;
      res.rho[i] = itm ? w * k * t * dr : 0;
      continue;
    }
    const dq = Math.exp(-qi * t);
    const dr = Math.exp(-ri * t);
    const fs = s * dq;
    const kd = k * dr;
    const d1 = Math.log(fs / kd) / sd + 0.5 * sd;
    const d2 = d1 - sd;
    const e1 = Math.exp(-0.5 * d1 * d1);
    const e2 = e1 > 1e-290 ? e1 * (fs / kd) : Math.exp(-0.5 * d2 * d2);
    const pdf = INV_SQRT_2PI * e1;
    const decay = (-fs * pdf * v) / (2 * sqrtT);
    res.gamma[i] = (dq * pdf) / (s * sd);
    res.vega[i] = fs * pdf * sqrtT;
    if (isCall[i] === 1) {
      const n1 = normCdfWithExp(d1, e1);
      const n2 = normCdfWithExp(d2, e2);
      res.delta[i] = dq * n1;
      res.theta[i] = decay - ri * kd * n2 + qi * fs * n1;
      res.rho[i] = k * t * dr * n2;
    } else {
      const m1 = normCdfWithExp(-d1, e1);
      const m2 = normCdfWithExp(-d2, e2);
      res.delta[i] = -dq * m1;
      res.theta[i] = decay + ri * kd * m2 - qi * fs * m1;
      res.rho[i] = -k * t * dr * m2;
    }
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
    res[i] = impliedVolDiscounted(p, s * Math.exp(-qi * t), {
      kd: k * Math.exp(-ri * t),
      T: t,
      isCall: isCall[i] === 1,
    });
  }
  return res;
}
