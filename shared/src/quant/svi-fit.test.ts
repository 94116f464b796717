import { describe, expect, it } from 'vitest';
import { fitRawSvi } from './svi-fit.ts';
import { sviTotalVariance } from './svi.ts';

const K9 = [-0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4];

describe('fitRawSvi', () => {
  describe('when the smile is exactly SVI', () => {
    it('recovers the parameters with a zero RMSE', () => {
      for (const p of [
        { a: 0.01, b: 0.1, rho: -0.3, m: 0.02, sigma: 0.15 },
        { a: 0.002, b: 0.05, rho: 0.2, m: -0.05, sigma: 0.1 },
      ]) {
        const w = K9.map((k) => sviTotalVariance(p, k));
        const { params, rmse } = fitRawSvi({ k: K9, w, t: 0.25 });
        expect(rmse).toBeLessThan(1e-7);
        for (const k of K9) expect(sviTotalVariance(params, k)).toBeCloseTo(sviTotalVariance(p, k), 7);
      }
    });
  });

  describe('when the smile is noisy and weighted', () => {
    it('fits within the noise and keeps the parameters in bounds', () => {
      const p = { a: 0.02, b: 0.2, rho: -0.5, m: 0.0, sigma: 0.2 };
      const w = K9.map((k, i) => sviTotalVariance(p, k) * (1 + 0.005 * Math.sin(7 * i)));
      const weights = K9.map((k) => 1 / (1 + k * k));
      const { params, rmse } = fitRawSvi({ k: K9, w, weights, t: 0.5 });
      expect(rmse).toBeLessThan(0.005 * Math.max(...w));
      expect(params.b).toBeGreaterThanOrEqual(0);
      expect(Math.abs(params.rho)).toBeLessThan(1);
      expect(params.sigma).toBeGreaterThan(0);
      expect(params.b * (1 + Math.abs(params.rho))).toBeLessThanOrEqual(4 + 1e-9);
    });
  });

  describe('when the input is invalid', () => {
    it('throws a RangeError', () => {
      expect(() => fitRawSvi({ k: [0, 0.1], w: [0.01, 0.02], t: 1 })).toThrow(/at least 5/);
      expect(() => fitRawSvi({ k: K9, w: K9.map(() => 0.01).slice(1), t: 1 })).toThrow(/w has/);
      expect(() => fitRawSvi({ k: K9, w: K9.map(() => -0.01), t: 1 })).toThrow(/w\[0\]/);
      expect(() => fitRawSvi({ k: K9, w: K9.map(() => 0.01), t: 0 })).toThrow(/t must/);
    });
  });
});
