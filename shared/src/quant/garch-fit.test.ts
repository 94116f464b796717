import { describe, expect, it } from 'vitest';
import { garch11Fit, garch11LogLikelihood } from './garch-fit.ts';

/** Seeded GARCH(1,1) path with Gaussian shocks (mulberry32 + Box–Muller). */
function simulate(n: number, p: { omega: number; alpha: number; beta: number }, seed: number): number[] {
  let s = seed >>> 0;
  const uni = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const out: number[] = [];
  let v = p.omega / (1 - p.alpha - p.beta);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(uni())) * Math.cos(2 * Math.PI * uni());
    const r = Math.sqrt(v) * z;
    out.push(r);
    v = p.omega + p.alpha * r * r + p.beta * v;
  }
  return out;
}

describe('garch11Fit', () => {
  const truth = { omega: 2e-6, alpha: 0.1, beta: 0.85 };
  const returns = simulate(3000, truth, 42);

  describe('when fitted to a simulated GARCH(1,1) path', () => {
    it('recovers the parameters roughly and respects the constraints', () => {
      const fit = garch11Fit(returns);
      expect(fit.alpha).toBeGreaterThan(0.05);
      expect(fit.alpha).toBeLessThan(0.16);
      expect(fit.beta).toBeGreaterThan(0.75);
      expect(fit.alpha + fit.beta).toBeLessThan(1);
      expect(fit.omega).toBeGreaterThan(0);
      const longRun = fit.omega / (1 - fit.alpha - fit.beta);
      expect(longRun / (truth.omega / (1 - truth.alpha - truth.beta))).toBeGreaterThan(0.7);
      expect(longRun / (truth.omega / (1 - truth.alpha - truth.beta))).toBeLessThan(1.4);
    });

    it('has a log-likelihood at least that of the true parameters', () => {
      const fit = garch11Fit(returns);
      const v0 = returns.reduce((a, r) => a + r * r, 0) / returns.length;
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(
        garch11LogLikelihood(returns, { ...truth, v0 }) - 1e-6,
      );
      expect(fit.logLikelihood).toBeCloseTo(garch11LogLikelihood(returns, { ...fit, v0 }), 8);
    });
  });

  describe('when variance targeting is on', () => {
    it('sets omega = sample variance·(1 − alpha − beta)', () => {
      const fit = garch11Fit(returns, { varianceTargeting: true });
      const v0 = returns.reduce((a, r) => a + r * r, 0) / returns.length;
      expect(fit.omega).toBeCloseTo(v0 * (1 - fit.alpha - fit.beta), 15);
      expect(fit.alpha + fit.beta).toBeLessThan(1);
    });
  });

  describe('when the input cannot be fitted', () => {
    it('throws a RangeError', () => {
      expect(() => garch11Fit([0.01, 0.02])).toThrow(/at least 10/);
      expect(() => garch11Fit(new Array<number>(20).fill(0))).toThrow(/zero variance/);
      expect(() => garch11Fit([...returns.slice(0, 20), NaN])).toThrow(/returns\[20\]/);
    });
  });
});
