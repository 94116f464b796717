import { normCdf, INV_SQRT_2PI } from './normal.ts';
import { blackCall, blackPut } from './normalized-black.ts';
import type { Greeks, OptionType } from './types.ts';
import { requireFinite, requireNonNegative, requirePositive, requireType } from './types.ts';

/**
 * Inputs of Black-76: F forward of the expiry (USD), K strike (USD), T years to expiry,
 * r discount rate (continuous, 1.00 = 100 %/yr), sigma annualised volatility (1.00 = 100 %).
 */
export interface Black76Input {
  F: number;
  K: number;
  T: number;
  r: number;
  sigma: number;
  type: OptionType;
}

function validate(o: Black76Input): void {
  if (o.F > 0 && o.K > 0 && o.sigma >= 0 && Number.isFinite(o.F + o.K + o.T + o.r + o.sigma)) {
    if (o.type === 'call' || o.type === 'put') return;
  }
  requirePositive('F', o.F);
  requirePositive('K', o.K);
  requireFinite('T', o.T);
  requireFinite('r', o.r);
  requireNonNegative('sigma', o.sigma);
  requireType(o.type);
}

/**
 * Black-76 price on the forward, discounted at r: call e^{−rT}(F·N(d1) − K·N(d2)),
 * put e^{−rT}(K·N(−d2) − F·N(−d1)); in the currency of F and K (USD).
 * T ≤ 0 → intrinsic max(±(F − K), 0).
 * @throws RangeError on non-finite inputs, F ≤ 0, K ≤ 0 or sigma < 0.
 */
export function black76Price(o: Black76Input): number {
  validate(o);
  const { F, K, T, r, sigma } = o;
  const isCall = o.type === 'call';
  if (T <= 0) return Math.max(isCall ? F - K : K - F, 0);
  const D = Math.exp(-r * T);
  const sd = sigma * Math.sqrt(T);
  if (sd === 0) return D * Math.max(isCall ? F - K : K - F, 0);
  return isCall ? blackCall(D * F, D * K, sd) : blackPut(D * F, D * K, sd);
}

/**
 * Black-76 Greeks in raw units: delta = ∂V/∂F (discounted, per 1 USD of forward), gamma = ∂²V/∂F²
 * (per USD²), vega = ∂V/∂σ (USD per 1.00 of sigma), theta = ∂V/∂t (USD per year, F held fixed),
 * rho = ∂V/∂r with F held fixed (= −T·V, USD per 1.00 of r). T ≤ 0 → all zero.
 * @throws RangeError on invalid inputs, as {@link black76Price}.
 */
export function black76Greeks(o: Black76Input): Greeks {
  validate(o);
  const { F, K, T, r, sigma } = o;
  const isCall = o.type === 'call';
  if (T <= 0) return { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  const D = Math.exp(-r * T);
  const sqrtT = Math.sqrt(T);
  const sd = sigma * sqrtT;
  if (sd === 0) {
    const itm = isCall ? F > K : K > F;
    const v = itm ? D * Math.abs(F - K) : 0;
    const delta = itm ? (isCall ? D : -D) : 0;
    return { delta, gamma: 0, vega: 0, theta: r * v, rho: -T * v };
  }
  const d1 = Math.log(F / K) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
  let delta: number;
  let v: number;
  if (isCall) {
    const n1 = normCdf(d1);
    delta = D * n1;
    v = D * (F * n1 - K * normCdf(d2));
  } else {
    const m1 = normCdf(-d1);
    delta = -D * m1;
    v = D * (K * normCdf(-d2) - F * m1);
  }
  return {
    delta,
    gamma: (D * pdf) / (F * sd),
    vega: D * F * pdf * sqrtT,
    theta: r * v - (D * F * pdf * sigma) / (2 * sqrtT),
    rho: -T * v,
  };
}
