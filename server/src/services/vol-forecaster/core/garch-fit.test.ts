import { describe, expect, it } from 'vitest';
import { fitGarch, type Garch11Fitter } from './garch-fit.ts';

const returns = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? -2e-4 : 1e-4));
const meanSquare = returns.reduce((s, r) => s + r * r, 0) / returns.length;

describe('fitGarch', () => {
  it('fits on standardised returns and scales omega back to per-bar units', () => {
    let seen: number[] = [];
    const fitter: Garch11Fitter = (r) => {
      seen = r;
      return { omega: 0.1, alpha: 0.1, beta: 0.8, logLikelihood: -1 };
    };
    const params = fitGarch(returns, fitter);
    expect(seen.reduce((s, r) => s + r * r, 0) / seen.length).toBeCloseTo(1, 12);
    expect(params?.omega).toBeCloseTo(0.1 * meanSquare, 20);
    expect(params).toMatchObject({ alpha: 0.1, beta: 0.8 });
  });

  describe('when the fit is not stationary', () => {
    it('returns null', () => {
      const fitter: Garch11Fitter = () => ({ omega: 0.1, alpha: 0.3, beta: 0.7, logLikelihood: -1 });
      expect(fitGarch(returns, fitter)).toBeNull();
    });
  });

  describe('when every return is zero', () => {
    it('returns null without calling the fitter', () => {
      let calls = 0;
      const fitter: Garch11Fitter = () => {
        calls += 1;
        return { omega: 1, alpha: 0, beta: 0, logLikelihood: 0 };
      };
      expect(fitGarch([0, 0, 0], fitter)).toBeNull();
      expect(calls).toBe(0);
    });
  });
});
