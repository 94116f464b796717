import { describe, expect, it } from 'vitest';
import { bsGreeksBatch, bsPriceBatch, impliedVolBatch } from './batch.ts';
import { bsGreeks, bsPrice } from './black-scholes.ts';
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

  it('throws on mismatched columns or an invalid row', () => {
    expect(() => bsPriceBatch({ ...cols, K: new Float64Array(2) })).toThrow(/column K/);
    expect(() => bsPriceBatch({ ...cols, S: Float64Array.from([100, -1, 1, 1, 1]) })).toThrow(/row 1/);
  });
});
