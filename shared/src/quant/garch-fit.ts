import { nelderMead } from './nelder-mead.ts';

/** Result of {@link garch11Fit}: per-period parameters and the maximised Gaussian log-likelihood. */
export interface Garch11Fit {
  omega: number;
  alpha: number;
  beta: number;
  /** Σ −½(ln 2π + ln σ²_t + r_t²/σ²_t) at the fitted parameters. */
  logLikelihood: number;
}

const MAX_PERSISTENCE = 0.9999;
const LN_2PI = Math.log(2 * Math.PI);

const logistic = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * Gaussian log-likelihood of GARCH(1,1) on `returns` (per-period decimals), the first variance being
 * `v0`: σ²_0 = v0, σ²_{t+1} = omega + alpha·r_t² + beta·σ²_t.
 */
export function garch11LogLikelihood(
  returns: readonly number[],
  o: { omega: number; alpha: number; beta: number; v0: number },
): number {
  let v = o.v0;
  let ll = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i] as number;
    if (!(v > 0)) return -Infinity;
    ll -= 0.5 * (LN_2PI + Math.log(v) + (r * r) / v);
    v = o.omega + o.alpha * r * r + o.beta * v;
  }
  return ll;
}

/**
 * Fits GARCH(1,1) by Gaussian maximum likelihood (Nelder–Mead on a transform that keeps omega > 0,
 * alpha, beta ≥ 0 and alpha + beta ≤ 0.9999). The recursion starts at the sample variance. With
 * `varianceTargeting`, omega = sample variance·(1 − alpha − beta) and only alpha, beta are estimated.
 * Returns are per-period decimals (e.g. 5-second log returns); parameters are per period.
 * @throws RangeError on fewer than 10 returns, a non-finite return, or zero sample variance.
 */
export function garch11Fit(returns: readonly number[], o: { varianceTargeting?: boolean } = {}): Garch11Fit {
  const n = returns.length;
  if (n < 10) throw new RangeError(`garch11Fit needs at least 10 returns, got ${n}`);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    if (!Number.isFinite(r)) throw new RangeError(`returns[${i}] must be a finite number, got ${r}`);
    ss += r * r;
  }
  const v0 = ss / n;
  if (!(v0 > 0)) throw new RangeError('returns have zero variance: nothing to fit');
  const targeting = o.varianceTargeting ?? false;
  const decode = (x: Float64Array): { omega: number; alpha: number; beta: number } => {
    const persistence = MAX_PERSISTENCE * logistic(x[0] as number);
    const alpha = persistence * logistic(x[1] as number);
    const beta = persistence - alpha;
    const omega = targeting ? v0 * (1 - persistence) : v0 * Math.exp(x[2] as number);
    return { omega, alpha, beta };
  };
  const cost = (x: Float64Array): number => -garch11LogLikelihood(returns, { ...decode(x), v0 });
  let best: { x: Float64Array; fx: number } | null = null;
  for (const [pers, share] of [
    [0.95, 0.08],
    [0.7, 0.3],
    [0.2, 0.5],
  ] as const) {
    const start = [logit(pers / MAX_PERSISTENCE), logit(share), Math.log(1 - pers)];
    const dims = targeting ? start.slice(0, 2) : start;
    const r = nelderMead(cost, dims, { step: dims.map(() => 0.5), maxEval: 2000, tol: 1e-10, xTol: 1e-7 });
    if (best === null || r.fx < best.fx) best = r;
  }
  if (best === null || !Number.isFinite(best.fx)) throw new RangeError('garch11Fit did not converge');
  return { ...decode(best.x), logLikelihood: -best.fx };
}
