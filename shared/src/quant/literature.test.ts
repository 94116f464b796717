import { describe, expect, it } from 'vitest';
import { bsGreeks, bsPrice } from './black-scholes.ts';
import { black76Greeks, black76Price } from './black76.ts';
import { impliedVol } from './implied-vol.ts';

// Published worked examples: E. G. Haug, "The Complete Guide to Option Pricing Formulas" (2nd ed.), ch. 1–2;
// J. C. Hull, "Options, Futures, and Other Derivatives".
describe('published reference values', () => {
  describe("Haug's examples", () => {
    it('generalized BSM call S=60, K=65, T=0.25, r=8 %, b=r, σ=30 %: 2.1334', () => {
      expect(bsPrice({ S: 60, K: 65, T: 0.25, r: 0.08, q: 0, sigma: 0.3, type: 'call' })).toBeCloseTo(
        2.1334,
        4,
      );
    });

    it('Merton put S=100, K=95, T=0.5, r=10 %, q=5 %, σ=20 %: 2.4648', () => {
      expect(bsPrice({ S: 100, K: 95, T: 0.5, r: 0.1, q: 0.05, sigma: 0.2, type: 'put' })).toBeCloseTo(
        2.4648,
        4,
      );
    });

    it('Black-76 F=19, K=19, T=0.75, r=10 %, σ=28 %: call = put = 1.7011', () => {
      const o = { F: 19, K: 19, T: 0.75, r: 0.1, sigma: 0.28 };
      expect(black76Price({ ...o, type: 'call' })).toBeCloseTo(1.7011, 4);
      expect(black76Price({ ...o, type: 'put' })).toBeCloseTo(1.7011, 4);
    });

    it('futures-option deltas F=105, K=100, T=0.5, r=10 %, σ=36 %: 0.5946 / −0.3566', () => {
      const o = { F: 105, K: 100, T: 0.5, r: 0.1, sigma: 0.36 };
      expect(black76Greeks({ ...o, type: 'call' }).delta).toBeCloseTo(0.5946, 4);
      expect(black76Greeks({ ...o, type: 'put' }).delta).toBeCloseTo(-0.3566, 4);
    });

    it('gamma S=55, K=60, T=0.75, r=b=10 %, σ=30 %: 0.0278', () => {
      expect(bsGreeks({ S: 55, K: 60, T: 0.75, r: 0.1, q: 0, sigma: 0.3, type: 'call' }).gamma).toBeCloseTo(
        0.0278,
        4,
      );
    });

    it('put theta S=430, K=405, T=0.0833, r=7 %, b=2 %, σ=20 %: −31.1924 per year', () => {
      const o = { S: 430, K: 405, T: 0.0833, r: 0.07, q: 0.05, sigma: 0.2, type: 'put' as const };
      expect(bsGreeks(o).theta).toBeCloseTo(-31.1924, 4);
    });

    it('call rho S=72, K=75, T=1, r=b=9 %, σ=19 %: 38.7325', () => {
      expect(bsGreeks({ S: 72, K: 75, T: 1, r: 0.09, q: 0, sigma: 0.19, type: 'call' }).rho).toBeCloseTo(
        38.7325,
        4,
      );
    });
  });

  describe("Hull's examples", () => {
    it('implied vol of a call at 1.875 (S=21, K=20, r=10 %, T=0.25) is 23.5 %', () => {
      const iv = impliedVol({ price: 1.875, K: 20, T: 0.25, r: 0.1, type: 'call', model: 'bs', S: 21, q: 0 });
      expect(iv).toBeCloseTo(0.235, 3);
    });
  });

  describe('near expiry and deep in or out of the money', () => {
    it('tends to intrinsic value one minute before expiry', () => {
      const T = 1 / (365 * 24 * 60);
      expect(bsPrice({ S: 100, K: 80, T, r: 0.03, q: 0, sigma: 0.6, type: 'call' })).toBeCloseTo(20, 4);
      expect(bsPrice({ S: 100, K: 80, T, r: 0.03, q: 0, sigma: 0.6, type: 'put' })).toBe(0);
      expect(bsGreeks({ S: 100, K: 80, T, r: 0.03, q: 0, sigma: 0.6, type: 'call' }).delta).toBeCloseTo(
        1,
        12,
      );
    });

    it('prices a deep OTM call as a tiny positive number and a deep ITM put as discounted intrinsic', () => {
      const c = bsPrice({ S: 100, K: 400, T: 0.1, r: 0.03, q: 0, sigma: 0.5, type: 'call' });
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(1e-15);
      const p = bsPrice({ S: 100, K: 400, T: 0.1, r: 0.03, q: 0, sigma: 0.5, type: 'put' });
      expect(p).toBeCloseTo(400 * Math.exp(-0.003) - 100, 10);
    });
  });
});
