import { normCdfWithExp, INV_SQRT_2PI } from './normal.ts';
import { blackCall, blackPut, normalizedOtmCall } from './normalized-black.ts';
import type { Greeks, OptionType } from './types.ts';
import { requireFinite, requireNonNegative, requirePositive, requireType } from './types.ts';

/**
 * Inputs of Black–Scholes–Merton on spot with a continuous yield.
 * S spot (USD), K strike (USD), T years to expiry, r continuously compounded rate (1.00 = 100 %/yr),
 * q continuous dividend/borrow yield (same unit), sigma annualised volatility (1.00 = 100 %).
 */
export interface BsInput {
  S: number;
  K: number;
  T: number;
  r: number;
  q: number;
  sigma: number;
  type: OptionType;
}

/** Throws the RangeError naming the first invalid field; the hot paths only call it when their check fails. */
function validate(o: BsInput): void {
  requirePositive('S', o.S);
  requirePositive('K', o.K);
  requireFinite('T', o.T);
  requireFinite('r', o.r);
  requireFinite('q', o.q);
  requireNonNegative('sigma', o.sigma);
  requireType(o.type);
}

/**
 * Black–Scholes–Merton price of a European option, in the currency of S and K (USD).
 * T ≤ 0 → intrinsic value max(±(S − K), 0); sigma = 0 → discounted forward intrinsic.
 * @throws RangeError on non-finite inputs, S ≤ 0, K ≤ 0 or sigma < 0.
 */
export function bsPrice(o: BsInput): number {
  const S = o.S;
  const K = o.K;
  const T = o.T;
  const q = o.q;
  const type = o.type;
  const sd = o.sigma * Math.sqrt(T);
  const isCall = type === 'call';
  const Sq = q === 0 ? S : S * Math.exp(T * -q);
  const Kr = K * Math.exp(T * -o.r);
  // A put is the call with the discounted legs swapped, x = ln(Sq/Kr) negated (see blackPut).
  const fd = isCall ? Sq : Kr;
  const kd = isCall ? Kr : Sq;
  const lx = Math.log(Sq / Kr);
  const x = isCall ? lx : -lx;
  const d1 = x / sd + sd * 0.5;
  const d2 = d1 - sd;
  let e = Math.exp(d1 * (d1 * -0.5));
  // One cheap check after the arithmetic (see bsGreeks): every valid input with T > 0, sigma > 0 and
  // |d1| < 36.5 passes; the rest (errors included) takes the careful path. The body, with the CDF inlined,
  // stays inside TurboFan's inlining budget so that callers inline it whole.
  if (!(S > 0 && sd > 0 && e > 1e-290 && (isCall || type === 'put'))) return bsPriceEdge(o);
  // The wing test of blackCall, (−d2/sd)·(1 + d2²) > 30, multiplied out (sd > 0).
  if (x < 0 && d2 * (d2 * d2 + 1) < sd * -30) return Math.sqrt(Sq * Kr) * normalizedOtmCall(x, sd);
  // fd·N(d1) − kd·N(d2) from one CDF call site; e^{−d2²/2} = e^{−d1²/2}·fd/kd.
  let v = 0;
  let d = d1;
  for (let k = 0; k < 2; k++) {
    const n = normCdfWithExp(d, e);
    if (k === 0) {
      v = fd * n;
      d = d2;
      e *= fd / kd;
    } else v -= kd * n;
  }
  return v;
}

/** bsPrice outside the common case: validation errors, T ≤ 0, sigma = 0, sums that overflow. */
function bsPriceEdge(o: BsInput): number {
  validate(o);
  const { S, K, T, r, q, sigma } = o;
  const isCall = o.type === 'call';
  if (T <= 0) return Math.max(isCall ? S - K : K - S, 0);
  const dq = q === 0 ? 1 : Math.exp(-q * T);
  const dr = r === 0 ? 1 : Math.exp(-r * T);
  const sd = sigma * Math.sqrt(T);
  if (sd === 0) return Math.max(isCall ? S * dq - K * dr : K * dr - S * dq, 0);
  return isCall ? blackCall(S * dq, K * dr, sd) : blackPut(S * dq, K * dr, sd);
}

/**
 * Black–Scholes–Merton Greeks in raw units: delta = ∂V/∂S (per 1 USD of spot, discounted by e^{−qT}),
 * gamma = ∂²V/∂S² (per USD²), vega = ∂V/∂σ (USD per 1.00 of sigma), theta = ∂V/∂t (USD per year of
 * calendar time, negative for a long option that decays), rho = ∂V/∂r (USD per 1.00 of r).
 * T ≤ 0 → all zero. sigma = 0 → the deterministic limit (delta a step, gamma and vega 0).
 * @throws RangeError on invalid inputs, as {@link bsPrice}.
 */
export function bsGreeks(o: BsInput): Greeks {
  const S = o.S;
  const K = o.K;
  const T = o.T;
  const r = o.r;
  const q = o.q;
  const sigma = o.sigma;
  const type = o.type;
  const sqrtT = Math.sqrt(T);
  const sd = sigma * sqrtT;
  const w = type === 'call' ? 1 : -1;
  // Products are written with a local on the left (it needs no register move), which keeps the bytecode small.
  const dq = q === 0 ? 1 : Math.exp(T * -q);
  const Sq = S * dq;
  const Kr = K * Math.exp(T * -r);
  const ratio = Sq / Kr;
  const d1 = Math.log(ratio) / sd + sd * 0.5;
  let e1 = Math.exp(d1 * (d1 * -0.5));
  // One cheap check, after the arithmetic (which cannot throw): sd > 0 means T > 0 and sigma > 0; with S > 0,
  // any K ≤ 0 or non-finite input makes d1 NaN or infinite and e1 fail. Kept this small because the whole
  // function, with the CDF inlined into it, must fit TurboFan's inlining budget: inlined into the caller,
  // the returned object is scalar-replaced; called, it costs six heap allocations. Errors, expiry, zero
  // vol and |d1| > 36.5 (where e^{−d2²/2} is computed on its own) go to the careful path.
  if (!(S > 0 && sd > 0 && e1 > 1e-290 && (w > 0 || type === 'put'))) return bsGreeksEdge(o);
  const pdf = e1 * 0.3989422804014327; // φ(d1)
  const vega = Sq * (pdf * sqrtT);
  // w = ±1: the put's N(−d) terms are the call's with the sign of d and of each term flipped. Both CDF values
  // come from one call site so that TurboFan inlines the CDF once (see blackCall): first pass
  // n1 = w·N(w·d1), second pass n2 = w·N(w·d2) with e^{−d2²/2} = e1·Sq/Kr.
  let n1 = 2; // not a CDF value: marks the first pass
  let n2 = w * d1;
  for (;;) {
    const n = w * normCdfWithExp(n2, e1);
    if (n1 !== 2) {
      n2 = n;
      break;
    }
    n1 = n;
    n2 = w * (d1 - sd); // d2
    e1 *= ratio;
  }
  return {
    delta: dq * n1,
    gamma: dq * (pdf / (S * sd)),
    vega,
    theta: q * (Sq * n1) - r * (Kr * n2) - vega * (sigma / T) * 0.5,
    rho: Kr * (T * n2),
  };
}

/** bsGreeks outside the common case: validation errors, T ≤ 0, sigma = 0, sums that overflow. */
function bsGreeksEdge(o: BsInput): Greeks {
  validate(o);
  const { S, K, T, r, q, sigma } = o;
  const isCall = o.type === 'call';
  if (T <= 0) return { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  const sqrtT = Math.sqrt(T);
  const dq = q === 0 ? 1 : Math.exp(-q * T);
  const dr = r === 0 ? 1 : Math.exp(-r * T);
  const sd = sigma * sqrtT;
  const Sq = S * dq;
  const Kr = K * dr;
  if (sd === 0) {
    const itm = isCall ? Sq > Kr : Kr > Sq;
    if (!itm) return { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
    const w = isCall ? 1 : -1;
    return { delta: w * dq, gamma: 0, vega: 0, theta: w * (q * Sq - r * Kr), rho: w * K * T * dr };
  }
  const d1 = Math.log(Sq / Kr) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const e1 = Math.exp(-0.5 * d1 * d1);
  const e2 = e1 > 1e-290 ? e1 * (Sq / Kr) : Math.exp(-0.5 * d2 * d2);
  const pdf = INV_SQRT_2PI * e1;
  const gamma = (dq * pdf) / (S * sd);
  const vega = Sq * pdf * sqrtT;
  const decay = (-Sq * pdf * sigma) / (2 * sqrtT);
  if (isCall) {
    const n1 = normCdfWithExp(d1, e1);
    const n2 = normCdfWithExp(d2, e2);
    return { delta: dq * n1, gamma, vega, theta: decay - r * Kr * n2 + q * Sq * n1, rho: K * T * dr * n2 };
  }
  const m1 = normCdfWithExp(-d1, e1);
  const m2 = normCdfWithExp(-d2, e2);
  return { delta: -dq * m1, gamma, vega, theta: decay + r * Kr * m2 - q * Sq * m1, rho: -K * T * dr * m2 };
}
