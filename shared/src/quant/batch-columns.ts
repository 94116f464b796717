/** Column types and checks shared by the batch API (batch.ts, greeks-batch.ts). */

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

export function length(cols: Record<string, { length: number }>): number {
  let n = -1;
  for (const [name, c] of Object.entries(cols)) {
    if (n === -1) n = c.length;
    else if (c.length !== n) throw new RangeError(`column ${name} has ${c.length} rows, expected ${n}`);
  }
  return Math.max(n, 0);
}

export function greeksColumns(n: number): GreeksBatch {
  return {
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    vega: new Float64Array(n),
    theta: new Float64Array(n),
    rho: new Float64Array(n),
  };
}

export function bad(i: number, S: number, K: number): never {
  throw new RangeError(`row ${i}: need finite inputs with S > 0, K > 0, sigma ≥ 0 (S=${S}, K=${K})`);
}

/** Row `i` of the columns, validated as the scalar functions validate (throws naming the row). */
export function rowOf(inp: BsBatchInput, i: number) {
  const s = inp.S[i] as number;
  const k = inp.K[i] as number;
  const t = inp.T[i] as number;
  const r = inp.r[i] as number;
  const q = inp.q[i] as number;
  const v = inp.sigma[i] as number;
  if (!(s > 0 && k > 0 && v >= 0 && Number.isFinite(s + k + t + r + q + v))) bad(i, s, k);
  return { s, k, t, r, q, v, call: inp.isCall[i] === 1 };
}
