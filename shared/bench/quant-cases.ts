/** The quant benchmark's inputs: issue 12's fixed seeded set, as cases and as columns for the batch API. */
import { rng, type Case } from './quant-robustness.ts';
import { bsPrice } from '../src/quant/index.ts';

/** How the set is drawn (printed and written to the JSON). */
export const SET_DESCRIPTION =
  'S U[50,150], T U[0.01,2] y, σ U[0.1,1.5], K = S·exp(z·σ√T) with z U[−2.5,2.5], r U[0,0.05], q = 0, ' +
  'calls and puts alternating';

/** n cases of the set from a fixed seed: every library gets exactly these. */
export function issueSet(n: number, seed: number): Case[] {
  const u = rng(seed);
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const S = 50 + 100 * u();
    const T = 0.01 + 1.99 * u();
    const sigma = 0.1 + 1.4 * u();
    const z = -2.5 + 5 * u();
    const r = 0.05 * u();
    out.push({
      S,
      K: S * Math.exp(z * sigma * Math.sqrt(T)),
      T,
      r,
      q: 0,
      sigma,
      type: i % 2 === 0 ? 'call' : 'put',
    });
  }
  return out;
}

/**
 * The same distribution shaped as option chains: `expiries` expiries, each with its own S, T and r shared by
 * `n / expiries` strikes (σ, z and the type drawn per strike), rows sorted by expiry as a chain arrives.
 */
export function chainSet(n: number, expiries: number): Case[] {
  const u = rng(43);
  const out: Case[] = [];
  const per = Math.ceil(n / expiries);
  for (let j = 0; j < expiries; j++) {
    const S = 50 + 100 * u();
    const T = 0.01 + 1.99 * u();
    const r = 0.05 * u();
    for (let i = 0; i < per && out.length < n; i++) {
      const sigma = 0.1 + 1.4 * u();
      const z = -2.5 + 5 * u();
      out.push({
        S,
        K: S * Math.exp(z * sigma * Math.sqrt(T)),
        T,
        r,
        q: 0,
        sigma,
        type: i % 2 === 0 ? 'call' : 'put',
      });
    }
  }
  return out;
}

/** Columns of the batch API for `cases` (with sigma). */
export function columns(cases: Case[]) {
  return {
    S: Float64Array.from(cases, (c) => c.S),
    K: Float64Array.from(cases, (c) => c.K),
    T: Float64Array.from(cases, (c) => c.T),
    r: Float64Array.from(cases, (c) => c.r),
    q: Float64Array.from(cases, (c) => c.q),
    sigma: Float64Array.from(cases, (c) => c.sigma),
    isCall: Uint8Array.from(cases, (c) => (c.type === 'call' ? 1 : 0)),
  };
}

/** The IV inputs: the cases with time value left (price strictly inside the bounds), and their prices. */
export function ivInputs(cases: Case[]): { ivCases: Case[]; price: Float64Array; sigma: Float64Array } {
  const ivCases = cases.filter((c) => {
    const fd = c.S * Math.exp(-c.q * c.T);
    const kd = c.K * Math.exp(-c.r * c.T);
    const intrinsic = Math.max(c.type === 'call' ? fd - kd : kd - fd, 0);
    return bsPrice(c) > intrinsic * (1 + 1e-9) + 1e-10;
  });
  return {
    ivCases,
    price: Float64Array.from(ivCases, (c) => bsPrice(c)),
    sigma: Float64Array.from(ivCases, (c) => c.sigma),
  };
}
