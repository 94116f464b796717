import { describe, expect, it } from 'vitest';
import {
  ewmaVariance,
  garch11Filter,
  garch11Forecast,
  garch11LongRunVariance,
  garch11MeanVariance,
  garch11Next,
} from './garch.ts';

describe('EWMA and GARCH(1,1)', () => {
  describe("when checked against Hull's examples", () => {
    it('EWMA: λ = 0.90, σ = 1 %, return 2 % gives σ² = 0.00013 (Hull Example 23.1-style update)', () => {
      expect(ewmaVariance({ lambda: 0.9, prevVariance: 0.0001, lastReturn: 0.02 })).toBeCloseTo(0.00013, 15);
    });

    it('GARCH: ω = 0.000002, α = 0.13, β = 0.86, σ = 1.6 %, return 1 % gives σ² = 0.00023516 (Hull)', () => {
      const p = { omega: 0.000002, alpha: 0.13, beta: 0.86 };
      expect(garch11Next({ ...p, prevVariance: 0.016 ** 2, lastReturn: 0.01 })).toBeCloseTo(0.00023516, 12);
      expect(garch11LongRunVariance(p)).toBeCloseTo(0.0002, 15);
    });

    it('forecasts E[σ²_{n+t}] = V_L + (α+β)^t(σ²_n − V_L) (Hull Example 23.4: 1.3 %→ day 10)', () => {
      const p = { omega: 0.0002 * (1 - 0.9965), alpha: 0.1, beta: 0.8965 };
      const f = garch11Forecast({ ...p, currentVariance: 0.0003, horizon: 10 });
      expect(f).toBeCloseTo(0.0002 + 0.9965 ** 10 * 0.0001, 15);
      expect(garch11Forecast({ ...p, currentVariance: 0.0003, horizon: 0 })).toBeCloseTo(0.0003, 18);
    });
  });

  describe('garch11MeanVariance', () => {
    it('is the average of the per-period forecasts over the horizon', () => {
      const p = { omega: 1e-6, alpha: 0.08, beta: 0.9, currentVariance: 4e-4 };
      let sum = 0;
      for (let h = 0; h < 24; h++) sum += garch11Forecast({ ...p, horizon: h });
      expect(garch11MeanVariance({ ...p, horizon: 24 })).toBeCloseTo(sum / 24, 16);
    });
  });

  describe('garch11Filter', () => {
    it('follows out[i] = ω + α r_i² + β out[i−1] from the initial variance', () => {
      const p = { omega: 1e-6, alpha: 0.1, beta: 0.85, initialVariance: 1e-4 };
      const rets = [0.01, -0.02, 0.005];
      const out = garch11Filter(rets, p);
      expect(out).toHaveLength(3);
      let v = p.initialVariance;
      rets.forEach((r, i) => {
        v = p.omega + p.alpha * r * r + p.beta * v;
        expect(out[i]).toBeCloseTo(v, 18);
      });
    });
  });

  describe('when parameters are invalid', () => {
    it('throws a RangeError', () => {
      expect(() => garch11LongRunVariance({ omega: 1e-6, alpha: 0.2, beta: 0.8 })).toThrow(/alpha \+ beta/);
      expect(() => garch11Next({ omega: -1, alpha: 0.1, beta: 0.8, prevVariance: 1, lastReturn: 0 })).toThrow(
        RangeError,
      );
      expect(() => ewmaVariance({ lambda: 1.2, prevVariance: 1, lastReturn: 0 })).toThrow(/lambda/);
      expect(() =>
        garch11Filter([0.01, NaN], { omega: 1e-6, alpha: 0.1, beta: 0.8, initialVariance: 1e-4 }),
      ).toThrow(/returns\[1\]/);
    });
  });
});
