import { normCdf, INV_SQRT_2PI } from './normal.ts';
import { blackCall, blackPut } from './normalized-black.ts';
import type { Greeks, OptionType } from './types.ts';
import { requireFinite, requireNonNegative, requirePositive, requireType } from './types.ts';

/**
 * Inputs of a coin-settled (inverse) option as listed on crypto venues: F forward of the expiry (USD),
 * K strike (USD), T years to expiry, sigma annualised volatility (1.00 = 100 %). No rate: r = 0.
 */
export interface InverseInput {
  F: number;
  K: number;
  T: number;
  sigma: number;
  type: OptionType;
}

function validate(o: InverseInput): void {
  if (o.F > 0 && o.K > 0 && o.sigma >= 0 && Number.isFinite(o.F + o.K + o.T + o.sigma)) {
    if (o.type === 'call' || o.type === 'put') return;
  }
  requirePositive('F', o.F);
  requirePositive('K', o.K);
  requireFinite('T', o.T);
  requireNonNegative('sigma', o.sigma);
  requireType(o.type);
}

/**
 * Price of a coin-settled option in coin per option: Black-76(F, K, T, sigma, r = 0) / F.
 * Put–call parity: C − P = (F − K)/F. Multiply by F for USD. T ≤ 0 → intrinsic / F.
 * @throws RangeError on non-finite inputs, F ≤ 0, K ≤ 0 or sigma < 0.
 */
export function inverseOptionPrice(o: InverseInput): number {
  validate(o);
  const { F, K, T, sigma } = o;
  const isCall = o.type === 'call';
  const sd = sigma * Math.sqrt(T);
  if (T <= 0 || sd === 0) return Math.max(isCall ? F - K : K - F, 0) / F;
  return (isCall ? blackCall(F, K, sd) : blackPut(F, K, sd)) / F;
}

/**
 * Greeks of one coin-settled option in the venue's display units (SPEC §9), r = 0:
 * delta = N(d1) (call) or N(d1) − 1 (put), coins per option, forward delta, not premium-adjusted;
 * gamma = φ(d1)/(F·σ·√T), delta change per 1 USD; vega = F·φ(d1)·√T/100, USD per 1 vol point;
 * theta = −F·φ(d1)·σ/(2√T)/365, USD per calendar day; rho = K·T·N(d2)/100 (call) or
 * −K·T·N(−d2)/100 (put), USD per 1 rate point. T ≤ 0 → all zero.
 * @throws RangeError on invalid inputs, as {@link inverseOptionPrice}.
 */
export function venueGreeks(o: InverseInput): Greeks {
  validate(o);
  const { F, K, T, sigma } = o;
  const isCall = o.type === 'call';
  const sqrtT = Math.sqrt(T);
  const sd = sigma * sqrtT;
  if (T <= 0) return { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  if (sd === 0) {
    const itm = isCall ? F > K : K > F;
    const rho = itm ? ((isCall ? 1 : -1) * K * T) / 100 : 0;
    return { delta: itm ? (isCall ? 1 : -1) : 0, gamma: 0, vega: 0, theta: 0, rho };
  }
  const d1 = Math.log(F / K) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
  const n1 = normCdf(d1);
  return {
    delta: isCall ? n1 : n1 - 1,
    gamma: pdf / (F * sd),
    vega: (F * pdf * sqrtT) / 100,
    theta: (-F * pdf * sigma) / (2 * sqrtT) / 365,
    rho: isCall ? (K * T * normCdf(d2)) / 100 : (-K * T * normCdf(-d2)) / 100,
  };
}

/**
 * Net (premium-adjusted) delta of a coin-settled option, coins per option: venue delta minus the
 * option's price in coin. It is the account delta of a coin-margined account (SPEC §9).
 * T ≤ 0 → 0 − intrinsic/F (the expired option's delta is 0, its coin value still counts).
 * @throws RangeError on invalid inputs, as {@link inverseOptionPrice}.
 */
export function netDelta(o: InverseInput): number {
  return venueGreeks(o).delta - inverseOptionPrice(o);
}
