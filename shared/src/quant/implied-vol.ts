import { normCdf, normInv, INV_SQRT_2PI } from './normal.ts';
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

const MAX_ITER = 100;
const TOL = 1e-14;
const STEP_TOL = 4e-16;

/**
 * Normalised out-of-the-money Black call on x = ln(F/K) ≤ 0 and total deviation s = σ√T:
 * b = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2); 0 < b < e^{x/2}.
 */
export function normalizedOtmCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normCdf(h + t) - Math.exp(-0.5 * x) * normCdf(h - t);
}

/** e^{x/2} − b(x, s), computed without cancellation: e^{x/2}·N(−d1) + e^{−x/2}·N(d2). */
function complement(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normCdf(-h - t) + Math.exp(-0.5 * x) * normCdf(h - t);
}

/** ∂b/∂s = e^{x/2}·φ(x/s + s/2). */
function vegaS(x: number, s: number): number {
  const d1 = x / s + 0.5 * s;
  return Math.exp(0.5 * x) * INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
}

/**
 * Total implied deviation s = σ√T of a normalised OTM price beta on x = ln(F/K) ≤ 0.
 * NaN unless 0 < beta < e^{x/2}. Safeguarded Halley iteration: on ln b below the inflection point
 * s_c = √(2|x|), on ln(e^{x/2} − b) above it, with a bracket that falls back to bisection.
 */
export function impliedTotalStdDev(beta: number, x: number): number {
  const bmax = Math.exp(0.5 * x);
  if (!(beta > 0 && beta < bmax) || !(x <= 0)) return NaN;
  const sc = Math.sqrt(-2 * x);
  const bc = sc > 0 ? normalizedOtmCall(x, sc) : 0;
  const upper = beta >= bc;
  const target = upper ? Math.log(bmax - beta) : Math.log(beta);
  let s: number;
  if (upper) {
    // Exact for x = 0: e^{x/2} − b = 2·N(−s/2).
    s = Math.max(sc, -2 * normInv((bmax - beta) / (2 * bmax)));
  } else {
    const l = Math.log(beta / bmax);
    s = Math.min(sc, -x / Math.sqrt(-2 * l));
  }
  if (!(s > 0) || !Number.isFinite(s)) s = Math.max(sc, 1);
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < MAX_ITER; i++) {
    const v = vegaS(x, s);
    let step: number;
    if (upper) {
      const c = complement(x, s);
      if (c < bmax - beta) hi = s;
      else lo = s;
      const g = Math.log(c) - target;
      if (Math.abs(g) <= TOL) return s;
      const gp = -v / c; // d ln c / ds
      const bpp = (x * x) / (s * s * s) - s / 4; // b''/b'
      const gpp = gp * (-bpp - gp); // (ln c)'' = -b''/c - (b'/c)²
      const n = g / gp;
      step = -n / (1 - (n * gpp) / (2 * gp));
    } else {
      const b = normalizedOtmCall(x, s);
      if (b > beta) hi = s;
      else lo = s;
      const g = Math.log(b) - target;
      if (Math.abs(g) <= TOL) return s;
      const gp = v / b;
      const bpp = (x * x) / (s * s * s) - s / 4;
      const gpp = gp * (bpp - gp);
      const n = g / gp;
      step = -n / (1 - (n * gpp) / (2 * gp));
    }
    let next = s + step;
    if (!(next > lo && next < hi)) next = hi === Infinity ? Math.max(2 * s, lo * 2) : 0.5 * (lo + hi);
    if (Math.abs(next - s) <= STEP_TOL * s) return next;
    s = next;
  }
  return s;
}

/**
 * Implied volatility (annualised, 1.00 = 100 %) of a European option price in USD under Black–Scholes–Merton
 * (`model: 'bs'`, F = S·e^{(r−q)T}) or Black-76 (`model: 'black76'`). Returns NaN when T ≤ 0 or the price is
 * not strictly inside the no-arbitrage bounds (call: D·max(F−K, 0) < price < D·F; put: D·max(K−F, 0) <
 * price < D·K, D = e^{−rT}). Converges to ~1e-14 relative in price; never returns a starting guess.
 * @throws RangeError on non-finite inputs, K ≤ 0, S/F ≤ 0.
 */
export function impliedVol(o: ImpliedVolInput): number {
  requireFinite('price', o.price);
  requirePositive('K', o.K);
  requireFinite('T', o.T);
  requireFinite('r', o.r);
  requireType(o.type);
  let F: number;
  if (o.model === 'bs') {
    requirePositive('S', o.S);
    requireFinite('q', o.q);
    F = o.S * Math.exp((o.r - o.q) * o.T);
  } else if (o.model === 'black76') {
    requirePositive('F', o.F);
    F = o.F;
  } else {
    throw new RangeError(`model must be 'bs' or 'black76'`);
  }
  if (o.T <= 0) return NaN;
  return impliedVolForward(o.price * Math.exp(o.r * o.T), F, { K: o.K, T: o.T, isCall: o.type === 'call' });
}

/**
 * Implied volatility from an undiscounted (forward) price `u` in USD on forward F, strike K, T years.
 * NaN outside the no-arbitrage bounds. Internal entry point shared with the batch API.
 */
export function impliedVolForward(
  u: number,
  F: number,
  { K, T, isCall }: { K: number; T: number; isCall: boolean },
): number {
  const itm = isCall ? F > K : F < K;
  const otm = itm ? u - Math.abs(F - K) : u;
  const x = -Math.abs(Math.log(F / K));
  const beta = otm / Math.sqrt(F * K);
  const s = impliedTotalStdDev(beta, x);
  return s / Math.sqrt(T);
}
