import { normCdf, normCdfWithExp, normInv, INV_SQRT_2PI } from './normal.ts';
import { normalizedOtmCall } from './normalized-black.ts';
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

// Scratch results of evalAt (single-threaded): b, e^{x/2} − b and ∂b/∂s.
let B = 0;
let C = 0;
let V = 0;

/**
 * Evaluates at s, with one exponential: V = ∂b/∂s = e^{x/2}·φ(d1); for the lower branch B = b (far wing by
 * the quadrature of normalized-black.ts), for the upper branch C = e^{x/2}·N(−d1) + e^{−x/2}·N(d2) (no
 * cancellation). ex = e^{x/2}.
 */
function evalAt(x: number, s: number, o: { ex: number; upper: boolean }): void {
  const ex = o.ex;
  const d1 = x / s + 0.5 * s;
  const d2 = d1 - s;
  const e1 = Math.exp(-0.5 * d1 * d1);
  const e2 = e1 > 1e-290 ? e1 * ex * ex : Math.exp(-0.5 * d2 * d2);
  V = ex * INV_SQRT_2PI * e1;
  if (o.upper) {
    C = ex * normCdfWithExp(-d1, e1) + normCdfWithExp(d2, e2) / ex;
  } else if ((-d2 / s) * (1 + d2 * d2) > 30) {
    B = normalizedOtmCall(x, s);
  } else {
    B = ex * normCdfWithExp(d1, e1) - normCdfWithExp(d2, e2) / ex;
  }
}

/** Start above the inflection point: exact for x = 0 (e^{x/2} − b = 2·N(−s/2)), else a bound-respecting guess. */
function upperGuess(beta: number, x: number, sc: number): number {
  const bmax = Math.exp(0.5 * x);
  return Math.max(sc, -2 * normInv((bmax - beta) / (2 * bmax)));
}

/**
 * Start below the inflection point: Corrado–Miller's approximation on the normalised forward e^{x/2} and strike
 * e^{−x/2}, capped at s_c; for tiny prices, the asymptote ln b ≈ −x²/(2s²).
 */
function lowerGuess(beta: number, x: number, sc: number): number {
  const f = Math.exp(0.5 * x);
  const k = Math.exp(-0.5 * x);
  const half = beta - 0.5 * (f - k);
  const disc = half * half - ((f - k) * (f - k)) / Math.PI;
  const cm = (Math.sqrt(2 * Math.PI) / (f + k)) * (half + Math.sqrt(Math.max(disc, 0)));
  const asym = -x / Math.sqrt(Math.max(-2 * Math.log(beta / f), 1e-300));
  const s = Math.max(cm, asym);
  return Math.min(s, sc);
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
  // At s_c, d1 = 0: b_c = e^{x/2}/2 − e^{−x/2}·N(−s_c).
  const bc = sc > 0 ? 0.5 * bmax - normCdf(-sc) / bmax : 0;
  // Upper objective only where b is close to its bound (there ln b is flat); elsewhere ln b converges in relative price.
  const upper = beta >= bc && beta >= 0.25 * bmax;
  const ctx = { ex: bmax, upper };
  const target = upper ? Math.log(bmax - beta) : Math.log(beta);
  let s = upper ? upperGuess(beta, x, sc) : lowerGuess(beta, x, sc);
  if (!(s > 0) || !Number.isFinite(s)) s = Math.max(sc, 0.5);
  let lo = 0;
  let hi = Infinity;
  let gPrev = Infinity;
  for (let i = 0; i < MAX_ITER; i++) {
    evalAt(x, s, ctx);
    const v = V;
    let g: number;
    let gp: number;
    let gpp: number;
    const bpp = (x * x) / (s * s * s) - s / 4; // b''/b'
    if (upper) {
      const c = C;
      if (c < bmax - beta) hi = s;
      else lo = s;
      g = Math.log(c) - target;
      // Converged when the price, not its complement, is within TOL relative.
      if (Math.abs(c - (bmax - beta)) <= TOL * beta) return s;
      gp = -v / c; // (ln c)'
      gpp = gp * (-bpp - gp); // (ln c)'' = −b''/c − (b'/c)²
    } else {
      const b = B;
      if (b > beta) hi = s;
      else lo = s;
      g = Math.log(b) - target;
      gp = v / b;
      gpp = gp * (bpp - gp);
    }
    if (Math.abs(g) <= TOL) return s;
    const n = g / gp;
    let next = s - n / (1 - (n * gpp) / (2 * gp));
    // Safeguard: stay inside the bracket and demand progress, else bisect (geometrically when it is wide).
    if (!(next > lo && next < hi) || Math.abs(g) > 0.5 * Math.abs(gPrev)) {
      if (hi === Infinity) next = 2 * Math.max(s, lo);
      else if (lo > 0 && hi > 4 * lo) next = Math.sqrt(lo * hi);
      else next = 0.5 * (lo + hi);
    }
    gPrev = g;
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
  let fd: number;
  if (o.model === 'bs') {
    requirePositive('S', o.S);
    requireFinite('q', o.q);
    fd = o.S * Math.exp(-o.q * o.T);
  } else if (o.model === 'black76') {
    requirePositive('F', o.F);
    fd = o.F * Math.exp(-o.r * o.T);
  } else {
    throw new RangeError(`model must be 'bs' or 'black76'`);
  }
  if (o.T <= 0) return NaN;
  return impliedVolDiscounted(o.price, fd, {
    kd: o.K * Math.exp(-o.r * o.T),
    T: o.T,
    isCall: o.type === 'call',
  });
}

/**
 * Implied volatility from a price in USD and the discounted legs fd = F·D (S·e^{−qT} under BSM) and
 * kd = K·D, exactly as the pricers form them, so that a price round-trips to the last digits even where it
 * is extremely sensitive to F/K. NaN outside the bounds max(±(fd − kd), 0) < price < fd (call) or kd (put).
 * Internal entry point shared with the batch API.
 */
export function impliedVolDiscounted(
  price: number,
  fd: number,
  { kd, T, isCall }: { kd: number; T: number; isCall: boolean },
): number {
  const itm = isCall ? fd > kd : fd < kd;
  const otm = itm ? price - Math.abs(fd - kd) : price;
  const x = -Math.abs(Math.log(fd / kd));
  const beta = otm / Math.sqrt(fd * kd);
  const s = impliedTotalStdDev(beta, x);
  return s / Math.sqrt(T);
}
