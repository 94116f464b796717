import { EV, evalNormalizedBlack } from './iv-eval.ts';
import { GUESS, LOWEST, UPPER, initialGuess } from './iv-guess.ts';
import type { OptionType } from './types.ts';
import { requireFinite, requirePositive, requireType } from './types.ts';

/**
 * Inputs of {@link impliedVol}: `price` is the option's market price in USD (discounted, as quoted),
 * K strike (USD), T years to expiry, r continuous rate (1.00 = 100 %/yr), and either spot S with yield q
 * (`model: 'bs'`) or the forward F (`model: 'black76'`).
 */
export type ImpliedVolInput = { price: number; K: number; T: number; r: number; type: OptionType } & (
  { model: 'bs'; S: number; q: number } | { model: 'black76'; F: number }
);

/** Enough for any input: from the guess, two steps reach machine precision (more only as a safeguard). */
const MAX_ITER = 8;
/**
 * Stop once a step moves s by at most this (relative): a third-order Householder step converges with order
 * four, so after a step of 1e-4 the error left is of the order of (1e-4)⁴ = 1e-16 (the worst round trip over a
 * million wide cases is the same as with 1e-5; at 1e-3 it fails 1e-12 in price).
 */
const STEP_STOP = 1e-4;

/**
 * Total implied deviation s = σ√T of a normalised OTM price beta on x = ln(F/K) ≤ 0: NaN unless
 * 0 < beta < e^{x/2}. Jäckel's "Let's Be Rational" (2015): the four-branch rational guess of iv-guess.ts,
 * then third-order Householder steps on an objective that is nearly linear in s on each branch:
 * 1/ln b − 1/ln β on the lowest, b − β in the middle, ln((b_max − β)/(b_max − b)) on the upper one.
 */
export function impliedTotalStdDev(beta: number, x: number): number {
  const bmax = Math.exp(0.5 * x);
  if (!(beta > 0 && beta < bmax) || !(x <= 0)) return NaN;
  const branch = initialGuess(beta, x, bmax);
  let s = GUESS[0] as number;
  const upper = branch === UPPER;
  const lowest = branch === LOWEST;
  const invLnBeta = lowest ? 1 / Math.log(beta) : 0;
  const cBeta = bmax - beta;
  const x2 = x * x;
  for (let i = 0; i < MAX_ITER; i++) {
    evalNormalizedBlack(x, s, bmax, upper);
    const val = EV[0] as number;
    const v = EV[1] as number;
    const s2 = s * s;
    const a2 = x2 / (s2 * s) - 0.25 * s; // b''/b'
    const a3 = a2 * a2 - (3 * x2) / (s2 * s2) - 0.25; // b'''/b'
    let nu: number; // Newton step −g/g'
    let h2: number; // g''/g'
    let h3: number; // g'''/g'
    if (lowest) {
      const lam = 1 / Math.log(val);
      const u = v / val;
      nu = (lam - invLnBeta) / (u * lam * lam);
      const k = 1 + 2 * lam;
      h2 = a2 - u * k;
      h3 = a3 - 3 * u * a2 * k + 2 * u * u * (1 + 3 * lam * (1 + lam));
    } else if (upper) {
      const w = v / val;
      nu = Math.log(val / cBeta) / w;
      h2 = a2 + w;
      h3 = a3 + w * (3 * a2 + 2 * w);
    } else {
      nu = (beta - val) / v;
      h2 = a2;
      h3 = a3;
    }
    let ds = (nu * (1 + 0.5 * h2 * nu)) / (1 + nu * (h2 + (h3 * nu) / 6));
    // Far from the root the rational factor can misbehave; Newton's step is then the safer one.
    if (!(Math.abs(ds) <= 2 * Math.abs(nu))) ds = nu;
    if (!(s + ds > 0)) ds = -0.5 * s;
    s += ds;
    if (Math.abs(ds) <= STEP_STOP * s) break;
  }
  return s;
}

/**
 * Implied volatility (annualised, 1.00 = 100 %) of a European option price in USD under Black–Scholes–Merton
 * (`model: 'bs'`, F = S·e^{(r−q)T}) or Black-76 (`model: 'black76'`). Returns NaN when T ≤ 0 or the price is
 * not strictly inside the no-arbitrage bounds (call: D·max(F−K, 0) < price < D·F; put: D·max(K−F, 0) <
 * price < D·K, D = e^{−rT}). Converges to ~1e-13 relative in price (worst 5.7e-13 over a million wide
 * in-bounds cases, see bench:quant); never returns a starting guess.
 * @throws RangeError on non-finite inputs, K ≤ 0, S/F ≤ 0.
 */
export function impliedVol(o: ImpliedVolInput): number {
  requireFinite('price', o.price);
  requirePositive('K', o.K);
  requireFinite('T', o.T);
  requireFinite('r', o.r);
  requireType(o.type);
  const T = o.T;
  let fd: number;
  if (o.model === 'bs') {
    requirePositive('S', o.S);
    requireFinite('q', o.q);
    fd = o.q === 0 ? o.S : o.S * Math.exp(-o.q * T);
  } else if (o.model === 'black76') {
    requirePositive('F', o.F);
    fd = o.F * Math.exp(-o.r * T);
  } else {
    throw new RangeError(`model must be 'bs' or 'black76'`);
  }
  if (T <= 0) return NaN;
  return totalStdDevOnLegs(o.price, fd, o.K * Math.exp(-o.r * T), o.type === 'call') / Math.sqrt(T);
}

/**
 * Total implied deviation σ√T from a price in USD and the discounted legs fd = F·D (S·e^{−qT} under BSM) and
 * kd = K·D, exactly as the pricers form them (x = ln(fd/kd) in the same orientation for calls and puts), so
 * that a price round-trips to the last digits even where it is extremely sensitive to F/K. NaN outside the
 * bounds max(±(fd − kd), 0) < price < fd (call) or kd (put). Shared with the batch API.
 */
// eslint-disable-next-line max-params -- hot path of the batch API: an options object would allocate per row
export function totalStdDevOnLegs(price: number, fd: number, kd: number, isCall: boolean): number {
  const itm = isCall ? fd > kd : fd < kd;
  const otm = itm ? price - Math.abs(fd - kd) : price;
  const x = -Math.abs(Math.log(fd / kd));
  return impliedTotalStdDev(otm / Math.sqrt(fd * kd), x);
}
