import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsGreeksBatch, bsPriceBatch, impliedVolBatch } from './batch.ts';
import { type BsInput, bsGreeks, bsPrice } from './black-scholes.ts';
import { impliedVol } from './implied-vol.ts';

const rows = [
  { S: 100, K: 100, T: 1, r: 0.03, q: 0, sigma: 0.6, type: 'call' as const },
  { S: 100, K: 110, T: 0.5, r: 0.03, q: 0.01, sigma: 0.6, type: 'put' as const },
  { S: 40000, K: 38000, T: 30 / 365, r: -0.01, q: 0, sigma: 0.8, type: 'call' as const },
  { S: 100, K: 90, T: 0, r: 0.03, q: 0, sigma: 0.2, type: 'call' as const },
  { S: 100, K: 90, T: 0.2, r: 0.03, q: 0, sigma: 0, type: 'put' as const },
];
const cols = {
  S: Float64Array.from(rows, (r) => r.S),
  K: Float64Array.from(rows, (r) => r.K),
  T: Float64Array.from(rows, (r) => r.T),
  r: Float64Array.from(rows, (r) => r.r),
  q: Float64Array.from(rows, (r) => r.q),
  sigma: Float64Array.from(rows, (r) => r.sigma),
  isCall: Uint8Array.from(rows, (r) => (r.type === 'call' ? 1 : 0)),
};

describe('batch API', () => {
  it('bsPriceBatch equals bsPrice row by row', () => {
    const out = bsPriceBatch(cols);
    rows.forEach((r, i) =>
      expect(Math.abs((out[i] as number) - bsPrice(r))).toBeLessThanOrEqual(1e-14 * Math.max(1, r.S)),
    );
  });

  it('bsGreeksBatch equals bsGreeks row by row', () => {
    const out = bsGreeksBatch(cols);
    rows.forEach((r, i) => {
      const g = bsGreeks(r);
      for (const key of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const)
        expect(Math.abs((out[key][i] as number) - g[key])).toBeLessThanOrEqual(
          1e-13 * Math.max(1, Math.abs(g[key])),
        );
    });
  });

  it('bsGreeksBatch and bsPriceBatch equal the scalar functions on a random chain with yields, puts and far-wing rows', () => {
    let seed = 7;
    const u = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const chain = Array.from({ length: 400 }, (_v, i) => ({
      S: 50 + 100 * u(),
      K: 100 * Math.exp(i % 50 === 0 ? 4 : 2 * u() - 1), // every 50th row: |d1| > 36.5 at σ√T = 0.1
      T: i % 50 === 0 ? 1 : 0.01 + 2 * u(),
      r: 0.1 * u() - 0.02,
      q: i % 3 === 0 ? 0 : 0.05 * u(),
      sigma: i % 50 === 0 ? 0.1 : 0.05 + 1.5 * u(),
      type: i % 2 === 0 ? ('call' as const) : ('put' as const),
    }));
    const chainCols = {
      S: Float64Array.from(chain, (c) => c.S),
      K: Float64Array.from(chain, (c) => c.K),
      T: Float64Array.from(chain, (c) => c.T),
      r: Float64Array.from(chain, (c) => c.r),
      q: Float64Array.from(chain, (c) => c.q),
      sigma: Float64Array.from(chain, (c) => c.sigma),
      isCall: Uint8Array.from(chain, (c) => (c.type === 'call' ? 1 : 0)),
    };
    const out = bsGreeksBatch(chainCols);
    const prices = bsPriceBatch(chainCols);
    chain.forEach((c, i) => {
      const p = bsPrice(c);
      expect(Math.abs((prices[i] as number) - p), `row ${i} price`).toBeLessThanOrEqual(1e-13 * p);
      const g = bsGreeks(c);
      for (const key of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const)
        expect(Math.abs((out[key][i] as number) - g[key]), `row ${i} ${key}`).toBeLessThanOrEqual(
          1e-13 * Math.max(1, Math.abs(g[key])),
        );
    });
  });

  it('bsGreeksBatch reuses per-expiry factors only while T, r and q repeat (a chain sorted by expiry)', () => {
    const chain = [7 / 365, 7 / 365, 30 / 365, 30 / 365, 30 / 365, 0.5].flatMap((T, j) =>
      [80, 95, 100, 105, 120].map((K) => ({
        S: 100,
        K,
        T,
        r: j === 3 ? 0.05 : 0.03, // same T as its neighbours, another rate
        q: j === 4 ? 0.01 : 0,
        sigma: 0.6,
        type: K < 100 ? ('put' as const) : ('call' as const),
      })),
    );
    const out = bsGreeksBatch({
      S: Float64Array.from(chain, (c) => c.S),
      K: Float64Array.from(chain, (c) => c.K),
      T: Float64Array.from(chain, (c) => c.T),
      r: Float64Array.from(chain, (c) => c.r),
      q: Float64Array.from(chain, (c) => c.q),
      sigma: Float64Array.from(chain, (c) => c.sigma),
      isCall: Uint8Array.from(chain, (c) => (c.type === 'call' ? 1 : 0)),
    });
    chain.forEach((c, i) => {
      const g = bsGreeks(c);
      for (const key of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const)
        expect(Math.abs((out[key][i] as number) - g[key]), `row ${i} ${key}`).toBeLessThanOrEqual(
          1e-13 * Math.max(1, Math.abs(g[key])),
        );
    });
  });

  it('bsGreeksBatch equals bsGreeks to 1e-12 relative on random chains (fast-check)', () => {
    // Rows may repeat the previous row's T, r and q (a run, as in a chain sorted by expiry).
    const arbRow = fc.record({
      S: fc.double({ min: 1, max: 1e5, noNaN: true }),
      z: fc.double({ min: -3, max: 3, noNaN: true }),
      T: fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 5, noNaN: true })),
      r: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
      q: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
      sigma: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true })),
      call: fc.boolean(),
      sameExpiry: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { minLength: 1, maxLength: 40 }), (drawn) => {
        const chain: BsInput[] = [];
        for (const { S, z, call, sameExpiry, ...o } of drawn) {
          const prev = chain[chain.length - 1];
          const { T, r, q } = sameExpiry && prev ? prev : o;
          const K = S * Math.exp(z * Math.max(o.sigma * Math.sqrt(T), 0.01));
          chain.push({ S, K, T, r, q, sigma: o.sigma, type: call ? 'call' : 'put' });
        }
        const out = bsGreeksBatch({
          S: Float64Array.from(chain, (c) => c.S),
          K: Float64Array.from(chain, (c) => c.K),
          T: Float64Array.from(chain, (c) => c.T),
          r: Float64Array.from(chain, (c) => c.r),
          q: Float64Array.from(chain, (c) => c.q),
          sigma: Float64Array.from(chain, (c) => c.sigma),
          isCall: Uint8Array.from(chain, (c) => (c.type === 'call' ? 1 : 0)),
        });
        chain.forEach((c, i) => {
          const g = bsGreeks(c);
          for (const key of ['delta', 'gamma', 'vega', 'rho'] as const)
            expect(Math.abs((out[key][i] as number) - g[key]), `row ${i} ${key}`).toBeLessThanOrEqual(
              1e-12 * Math.abs(g[key]),
            );
          // Theta is the sum of three terms that can cancel (carry on S, on K, decay): relative to their sizes.
          const scale =
            c.T > 0
              ? Math.abs(c.q * c.S * g.delta) +
                Math.abs((c.r * g.rho) / c.T) +
                Math.abs((g.vega * c.sigma) / c.T)
              : 0;
          expect(Math.abs((out.theta[i] as number) - g.theta), `row ${i} theta`).toBeLessThanOrEqual(
            1e-12 * scale,
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  it('impliedVolBatch equals impliedVol row by row, NaN where there is no time value', () => {
    const price = bsPriceBatch(cols);
    const out = impliedVolBatch({ ...cols, price });
    rows.forEach((r, i) => {
      const iv = impliedVol({
        price: price[i] as number,
        K: r.K,
        T: r.T,
        r: r.r,
        type: r.type,
        model: 'bs',
        S: r.S,
        q: r.q,
      });
      if (Number.isNaN(iv)) expect(out[i]).toBeNaN();
      else expect(out[i]).toBeCloseTo(r.sigma, 12);
    });
    expect(out[3]).toBeNaN(); // expired
    expect(out[4]).toBeNaN(); // zero vol: price at the bound
  });

  it('writes into a given output array', () => {
    const out = new Float64Array(rows.length);
    expect(bsPriceBatch(cols, out)).toBe(out);
  });

  it('overwrites every row of given Greeks columns, stale NaNs included (degenerate rows finish in a second pass)', () => {
    const stale = () => new Float64Array(rows.length).fill(NaN);
    const out = { delta: stale(), gamma: stale(), vega: stale(), theta: stale(), rho: stale() };
    expect(bsGreeksBatch(cols, out)).toBe(out);
    const fresh = bsGreeksBatch(cols);
    for (const key of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const)
      expect(Array.from(out[key])).toEqual(Array.from(fresh[key]));
    expect(out.delta.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('throws on mismatched columns or an invalid row', () => {
    expect(() => bsPriceBatch({ ...cols, K: new Float64Array(2) })).toThrow(/column K/);
    expect(() => bsPriceBatch({ ...cols, S: Float64Array.from([100, -1, 1, 1, 1]) })).toThrow(/row 1/);
    expect(() => bsGreeksBatch({ ...cols, K: Float64Array.from([100, 1, 0, 1, 1]) })).toThrow(/row 2/);
    expect(() => bsGreeksBatch({ ...cols, r: Float64Array.from([0, 0, 0, NaN, 0]) })).toThrow(/row 3/);
  });
});
