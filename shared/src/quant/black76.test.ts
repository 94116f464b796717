import { describe, expect, it } from 'vitest';
import { bsGreeks, bsPrice } from './black-scholes.ts';
import { black76Greeks, black76Price } from './black76.ts';

describe('black76Price and black76Greeks', () => {
  describe('when F = S·e^{(r−q)T}', () => {
    it('prices equal Black–Scholes–Merton', () => {
      for (const [S, K, T, r, q, sigma] of [
        [100, 100, 1, 0.03, 0, 0.6],
        [100, 80, 0.3, 0.05, 0.02, 0.25],
        [40000, 45000, 0.1, -0.01, 0.01, 0.9],
      ] as const) {
        const F = S * Math.exp((r - q) * T);
        for (const type of ['call', 'put'] as const) {
          expect(black76Price({ F, K, T, r, sigma, type })).toBeCloseTo(
            bsPrice({ S, K, T, r, q, sigma, type }),
            9,
          );
          // dV/dS = dV/dF · e^{(r−q)T}
          const g76 = black76Greeks({ F, K, T, r, sigma, type });
          const gbs = bsGreeks({ S, K, T, r, q, sigma, type });
          expect(g76.delta * Math.exp((r - q) * T)).toBeCloseTo(gbs.delta, 10);
          expect(g76.vega).toBeCloseTo(gbs.vega, 8);
        }
      }
    });
  });

  describe("when checked against Hull's Example 18.6 (futures option)", () => {
    it('prices the put F=20, K=20, r=9 %, σ=25 %, T=4/12 at 1.12', () => {
      expect(black76Price({ F: 20, K: 20, T: 4 / 12, r: 0.09, sigma: 0.25, type: 'put' })).toBeCloseTo(
        1.1166,
        4,
      );
    });
  });

  describe('when the Greeks are compared with finite differences', () => {
    it('delta is dV/dF and rho is dV/dr with F held fixed (= −T·V)', () => {
      const o = { F: 105, K: 100, T: 0.8, r: 0.04, sigma: 0.35 };
      for (const type of ['call', 'put'] as const) {
        const p = (d: Partial<typeof o>): number => black76Price({ ...o, ...d, type });
        const g = black76Greeks({ ...o, type });
        const h = 1e-4;
        expect(g.delta).toBeCloseTo((p({ F: o.F + h }) - p({ F: o.F - h })) / (2 * h), 6);
        expect(g.gamma).toBeCloseTo((p({ F: o.F + 0.01 }) - 2 * p({}) + p({ F: o.F - 0.01 })) / 1e-4, 5);
        expect(g.vega).toBeCloseTo((p({ sigma: o.sigma + h }) - p({ sigma: o.sigma - h })) / (2 * h), 5);
        expect(g.theta).toBeCloseTo(-(p({ T: o.T + h }) - p({ T: o.T - h })) / (2 * h), 5);
        expect(g.rho).toBeCloseTo((p({ r: o.r + h }) - p({ r: o.r - h })) / (2 * h), 5);
        expect(g.rho).toBeCloseTo(-o.T * p({}), 10);
      }
    });
  });

  describe('when the option has expired', () => {
    it('is worth intrinsic and has zero Greeks', () => {
      expect(black76Price({ F: 90, K: 100, T: 0, r: 0.05, sigma: 0.5, type: 'put' })).toBe(10);
      expect(black76Greeks({ F: 90, K: 100, T: -0.1, r: 0.05, sigma: 0.5, type: 'put' })).toEqual({
        delta: 0,
        gamma: 0,
        vega: 0,
        theta: 0,
        rho: 0,
      });
    });
  });
});
