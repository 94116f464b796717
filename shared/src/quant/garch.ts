/** GARCH(1,1) parameters: σ²_{t+1} = omega + alpha·r_t² + beta·σ²_t (per-period variance units). */
export interface Garch11Params {
  omega: number;
  alpha: number;
  beta: number;
}

function requireParams(p: Garch11Params): void {
  if (!(p.omega >= 0) || !(p.alpha >= 0) || !(p.beta >= 0) || !Number.isFinite(p.omega + p.alpha + p.beta))
    throw new RangeError(
      `GARCH(1,1) needs finite omega, alpha, beta ≥ 0, got ${p.omega}, ${p.alpha}, ${p.beta}`,
    );
}

function requireFinite(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${v}`);
}

/**
 * EWMA (RiskMetrics) variance update: lambda·prevVariance + (1 − lambda)·lastReturn².
 * Returns and variances per period (decimal returns, variance in return²). lambda in [0, 1], e.g. 0.94.
 * @throws RangeError on lambda outside [0, 1], negative or non-finite inputs.
 */
export function ewmaVariance(o: { lambda: number; prevVariance: number; lastReturn: number }): number {
  if (!(o.lambda >= 0 && o.lambda <= 1)) throw new RangeError(`lambda must be in [0, 1], got ${o.lambda}`);
  if (!(o.prevVariance >= 0) || o.prevVariance === Infinity)
    throw new RangeError(`prevVariance must be a finite number ≥ 0, got ${o.prevVariance}`);
  requireFinite('lastReturn', o.lastReturn);
  return o.lambda * o.prevVariance + (1 - o.lambda) * o.lastReturn * o.lastReturn;
}

/**
 * One GARCH(1,1) step: the next period's variance omega + alpha·lastReturn² + beta·prevVariance
 * (per-period decimal returns, variance in return²).
 * @throws RangeError on negative or non-finite parameters/inputs.
 */
export function garch11Next(o: Garch11Params & { prevVariance: number; lastReturn: number }): number {
  requireParams(o);
  requireFinite('prevVariance', o.prevVariance);
  requireFinite('lastReturn', o.lastReturn);
  return o.omega + o.alpha * o.lastReturn * o.lastReturn + o.beta * o.prevVariance;
}

/**
 * Long-run (unconditional) per-period variance omega/(1 − alpha − beta).
 * @throws RangeError when alpha + beta ≥ 1 (no finite long-run variance) or parameters are invalid.
 */
export function garch11LongRunVariance(o: Garch11Params): number {
  requireParams(o);
  const persistence = o.alpha + o.beta;
  if (!(persistence < 1))
    throw new RangeError(`alpha + beta must be < 1 for a long-run variance, got ${persistence}`);
  return o.omega / (1 - persistence);
}

/**
 * Expected per-period variance `horizon` periods after the period whose variance is `currentVariance`
 * (Hull's convention): E[σ²_{n+h}] = V_L + (alpha + beta)^h·(currentVariance − V_L); horizon 0 →
 * currentVariance. Also valid for alpha + beta ≥ 1 (φ^h·σ² + omega·(1 − φ^h)/(1 − φ), or σ² + h·omega).
 * @throws RangeError on invalid parameters, negative or non-integer horizon.
 */
export function garch11Forecast(o: Garch11Params & { currentVariance: number; horizon: number }): number {
  requireParams(o);
  requireFinite('currentVariance', o.currentVariance);
  if (!(Number.isInteger(o.horizon) && o.horizon >= 0))
    throw new RangeError(`horizon must be an integer ≥ 0, got ${o.horizon}`);
  const phi = o.alpha + o.beta;
  if (phi === 1) return o.currentVariance + o.horizon * o.omega;
  const ph = Math.pow(phi, o.horizon);
  return ph * o.currentVariance + (o.omega * (1 - ph)) / (1 - phi);
}

/**
 * Mean of the expected per-period variances over the next `horizon` periods, starting with the period of
 * `currentVariance`: (1/H)·Σ_{h=0}^{H−1} E[σ²_{n+h}]. Annualise with √(mean × periods per year).
 * @throws RangeError on invalid parameters or horizon < 1.
 */
export function garch11MeanVariance(o: Garch11Params & { currentVariance: number; horizon: number }): number {
  requireParams(o);
  requireFinite('currentVariance', o.currentVariance);
  const H = o.horizon;
  if (!(Number.isInteger(H) && H >= 1)) throw new RangeError(`horizon must be an integer ≥ 1, got ${H}`);
  const phi = o.alpha + o.beta;
  if (phi === 1) return o.currentVariance + (o.omega * (H - 1)) / 2;
  const vl = o.omega / (1 - phi);
  const sumPow = phi === 0 ? 1 : (1 - Math.pow(phi, H)) / (1 - phi);
  return vl + ((o.currentVariance - vl) * sumPow) / H;
}

/**
 * Runs the GARCH(1,1) recursion over `returns` (per-period decimals, oldest first):
 * out[i] = omega + alpha·returns[i]² + beta·(i === 0 ? initialVariance : out[i−1]); out.length ===
 * returns.length, and out[i] is the variance of the period after returns[i].
 * @throws RangeError on invalid parameters or a non-finite return.
 */
export function garch11Filter(
  returns: readonly number[],
  o: Garch11Params & { initialVariance: number },
): number[] {
  requireParams(o);
  requireFinite('initialVariance', o.initialVariance);
  const out = new Array<number>(returns.length);
  let prev = o.initialVariance;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    if (!Number.isFinite(r)) throw new RangeError(`returns[${i}] must be a finite number, got ${r}`);
    prev = o.omega + o.alpha * r * r + o.beta * prev;
    out[i] = prev;
  }
  return out;
}
