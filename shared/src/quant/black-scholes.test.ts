import { describe, expect, it } from 'vitest';
import { bsGreeks, bsPrice } from './black-scholes.ts';

// SPEC §9 reference table: BSM, q = 0, r = 0.03; vega /100, theta /365, rho /100.
const ROWS = [
  {
    S: 100,
    K: 100,
    T: 1,
    sigma: 0.6,
    call: [24.7397, 0.636831, 0.006254, 0.37524, -0.034042, 0.389434],
    put: [21.784253, -0.363169, 0.006254, 0.37524, -0.026066, -0.581012],
  },
  {
    S: 100,
    K: 110,
    T: 0.5,
    sigma: 0.6,
    call: [13.628621, 0.509111, 0.009401, 0.282021, -0.049424, 0.186412],
    put: [21.990935, -0.490889, 0.009401, 0.282021, -0.040517, -0.355399],
  },
  {
    S: 40000,
    K: 40000,
    T: 30 / 365,
    sigma: 0.6,
    call: [2787.735369, 0.539964, 0.000058, 45.519544, -47.065638, 15.460937],
    put: [2689.22673, -0.460036, 0.000058, 45.519544, -43.786063, -17.33481],
  },
  {
    S: 100,
    K: 100,
    T: 0.25,
    sigma: 0.2,
    call: [4.357619, 0.549738, 0.039584, 0.197919, -0.02585, 0.126541],
    put: [3.610425, -0.450262, 0.039584, 0.197919, -0.017692, -0.121592],
  },
] as const;

/** |a − b| within half a unit of the 6th decimal, as the table is rounded there. */
function expectTo6(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(5e-7 + 1e-12);
}

describe('bsPrice and bsGreeks', () => {
  describe('when checked against the SPEC §9 reference table', () => {
    for (const row of ROWS) {
      for (const type of ['call', 'put'] as const) {
        it(`matches S=${row.S} K=${row.K} T=${row.T.toFixed(4)} σ=${row.sigma} ${type} to 6 decimals`, () => {
          const o = { S: row.S, K: row.K, T: row.T, r: 0.03, q: 0, sigma: row.sigma, type };
          const g = bsGreeks(o);
          const [price, delta, gamma, vega, theta, rho] = row[type];
          expectTo6(bsPrice(o), price);
          expectTo6(g.delta, delta);
          expectTo6(g.gamma, gamma);
          expectTo6(g.vega / 100, vega);
          expectTo6(g.theta / 365, theta);
          expectTo6(g.rho / 100, rho);
        });
      }
    }
  });

  describe('when pricing a call and a put on the same terms', () => {
    it('satisfies put–call parity C − P = S·e^{−qT} − K·e^{−rT}', () => {
      for (const [S, K, T, r, q, sigma] of [
        [100, 90, 0.7, 0.05, 0.02, 0.3],
        [100, 130, 2, -0.01, 0.0, 1.2],
        [3500, 3000, 1 / 365, 0, 0, 0.8],
      ] as const) {
        const c = bsPrice({ S, K, T, r, q, sigma, type: 'call' });
        const p = bsPrice({ S, K, T, r, q, sigma, type: 'put' });
        expect(c - p).toBeCloseTo(S * Math.exp(-q * T) - K * Math.exp(-r * T), 10);
      }
    });
  });

  describe("when checked against Hull's worked examples", () => {
    it('prices Hull Example 15.6 (S=42, K=40, r=10 %, σ=20 %, T=0.5): call 4.76, put 0.81', () => {
      const o = { S: 42, K: 40, T: 0.5, r: 0.1, q: 0, sigma: 0.2 } as const;
      expect(bsPrice({ ...o, type: 'call' })).toBeCloseTo(4.7594, 4);
      expect(bsPrice({ ...o, type: 'put' })).toBeCloseTo(0.8086, 4);
    });
  });

  describe('when the Greeks are compared with finite differences', () => {
    it('agrees on delta, gamma, vega, theta and rho', () => {
      const base = { S: 105, K: 100, T: 0.8, r: 0.04, q: 0.015, sigma: 0.35 };
      for (const type of ['call', 'put'] as const) {
        const o = { ...base, type };
        const g = bsGreeks(o);
        const h = 1e-4;
        const p = (d: Partial<typeof base>): number => bsPrice({ ...o, ...d });
        expect(g.delta).toBeCloseTo((p({ S: o.S + h }) - p({ S: o.S - h })) / (2 * h), 6);
        expect(g.gamma).toBeCloseTo((p({ S: o.S + 0.01 }) - 2 * p({}) + p({ S: o.S - 0.01 })) / 1e-4, 5);
        expect(g.vega).toBeCloseTo((p({ sigma: o.sigma + h }) - p({ sigma: o.sigma - h })) / (2 * h), 5);
        expect(g.theta).toBeCloseTo(-(p({ T: o.T + h }) - p({ T: o.T - h })) / (2 * h), 5);
        expect(g.rho).toBeCloseTo((p({ r: o.r + h }) - p({ r: o.r - h })) / (2 * h), 5);
      }
    });
  });

  describe('when the option has expired (T ≤ 0)', () => {
    it('is worth intrinsic value with all Greeks zero', () => {
      const o = { S: 120, K: 100, T: 0, r: 0.03, q: 0, sigma: 0.5 };
      expect(bsPrice({ ...o, type: 'call' })).toBe(20);
      expect(bsPrice({ ...o, type: 'put' })).toBe(0);
      expect(bsPrice({ ...o, T: -1, type: 'put', K: 130 })).toBe(10);
      expect(bsGreeks({ ...o, type: 'call' })).toEqual({ delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
    });
  });

  describe('when rates are zero or negative', () => {
    it('still satisfies parity and gives positive time value', () => {
      for (const r of [0, -0.005, -0.02]) {
        const o = { S: 100, K: 100, T: 1, r, q: 0, sigma: 0.25 };
        const c = bsPrice({ ...o, type: 'call' });
        const p = bsPrice({ ...o, type: 'put' });
        expect(c - p).toBeCloseTo(100 - 100 * Math.exp(-r), 10);
        expect(c).toBeGreaterThan(Math.max(100 - 100 * Math.exp(-r), 0));
      }
      // r = q = 0, ATM: C = S·(2N(σ√T/2) − 1) = 9.947645...
      expect(bsPrice({ S: 100, K: 100, T: 1, r: 0, q: 0, sigma: 0.25, type: 'call' })).toBeCloseTo(9.9476, 4);
    });
  });

  describe('when inputs are invalid', () => {
    it('throws a RangeError naming the field', () => {
      const o = { S: 100, K: 100, T: 1, r: 0, q: 0, sigma: 0.2, type: 'call' } as const;
      expect(() => bsPrice({ ...o, S: 0 })).toThrow(/S must be/);
      expect(() => bsPrice({ ...o, K: NaN })).toThrow(/K must be/);
      expect(() => bsPrice({ ...o, sigma: -0.1 })).toThrow(/sigma must be/);
      expect(() => bsGreeks({ ...o, T: Infinity })).toThrow(/T must be/);
    });
  });
});
