import { describe, expect, it } from 'vitest';
import { black76Price } from './black76.ts';
import { inverseOptionPrice, netDelta, venueGreeks } from './inverse.ts';
import { normCdf, normPdf } from './normal.ts';

describe('coin-settled options', () => {
  const base = { F: 100000, K: 110000, T: 14 / 365, sigma: 0.55 };

  describe('inverseOptionPrice', () => {
    it('is Black-76 with r = 0 divided by F', () => {
      for (const type of ['call', 'put'] as const) {
        expect(inverseOptionPrice({ ...base, type })).toBeCloseTo(
          black76Price({ ...base, r: 0, type }) / base.F,
          14,
        );
      }
    });

    it('satisfies coin parity C − P = (F − K)/F', () => {
      const c = inverseOptionPrice({ ...base, type: 'call' });
      const p = inverseOptionPrice({ ...base, type: 'put' });
      expect(c - p).toBeCloseTo((base.F - base.K) / base.F, 14);
    });

    it('is intrinsic / F once expired', () => {
      expect(inverseOptionPrice({ ...base, T: 0, type: 'put' })).toBeCloseTo(10000 / 100000, 15);
    });
  });

  describe('venueGreeks', () => {
    it('uses the SPEC §9 display units', () => {
      const { F, K, T, sigma } = base;
      const sd = sigma * Math.sqrt(T);
      const d1 = Math.log(F / K) / sd + sd / 2;
      const d2 = d1 - sd;
      const c = venueGreeks({ ...base, type: 'call' });
      const p = venueGreeks({ ...base, type: 'put' });
      expect(c.delta).toBeCloseTo(normCdf(d1), 14);
      expect(p.delta).toBeCloseTo(normCdf(d1) - 1, 14);
      expect(c.gamma).toBeCloseTo(normPdf(d1) / (F * sd), 16);
      expect(c.vega).toBeCloseTo((F * normPdf(d1) * Math.sqrt(T)) / 100, 10);
      expect(c.theta).toBeCloseTo((-F * normPdf(d1) * sigma) / (2 * Math.sqrt(T)) / 365, 10);
      expect(c.rho).toBeCloseTo((K * T * normCdf(d2)) / 100, 10);
      expect(p.rho).toBeCloseTo((-K * T * normCdf(-d2)) / 100, 10);
      expect(p.theta).toBe(c.theta);
    });

    it('vega is the USD price change per vol point', () => {
      const up = inverseOptionPrice({ ...base, sigma: base.sigma + 0.0001, type: 'call' }) * base.F;
      const dn = inverseOptionPrice({ ...base, sigma: base.sigma - 0.0001, type: 'call' }) * base.F;
      expect(venueGreeks({ ...base, type: 'call' }).vega).toBeCloseTo((up - dn) / 0.0002 / 100, 4);
    });

    it('is all zero once expired', () => {
      expect(venueGreeks({ ...base, T: -1e-9, type: 'call' })).toEqual({
        delta: 0,
        gamma: 0,
        vega: 0,
        theta: 0,
        rho: 0,
      });
    });
  });

  describe('netDelta', () => {
    it('is the venue delta minus the price in coin', () => {
      for (const type of ['call', 'put'] as const) {
        const o = { ...base, type };
        expect(netDelta(o)).toBeCloseTo(venueGreeks(o).delta - inverseOptionPrice(o), 15);
      }
    });

    it('equals the derivative of the coin-account value in coin (F·price_coin)/F w.r.t. F, scaled by F', () => {
      // A coin account holding the option is worth V_coin = C_usd/F coins; its USD delta hedge is
      // d(C_usd)/dF − C_usd/F = N(d1) − price_coin.
      const o = { ...base, type: 'call' as const };
      const h = 0.5;
      const usd = (F: number): number => inverseOptionPrice({ ...o, F }) * F;
      const fd = (usd(o.F + h) - usd(o.F - h)) / (2 * h) - inverseOptionPrice(o);
      expect(netDelta(o)).toBeCloseTo(fd, 8);
    });
  });
});
