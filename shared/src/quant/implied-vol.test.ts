import { describe, expect, it } from 'vitest';
import { bsPrice } from './black-scholes.ts';
import { black76Price } from './black76.ts';
import { impliedVol } from './implied-vol.ts';

describe('impliedVol', () => {
  describe('when round-tripping BSM prices across moneyness, maturity and vol', () => {
    it('recovers sigma with the price matching to 1e-12 relative for every price above 1e-300', () => {
      let n = 0;
      for (const T of [1 / 365, 7 / 365, 0.25, 1, 5]) {
        for (const m of [0.3, 0.7, 0.9, 1, 1.1, 1.5, 3]) {
          for (const sigma of [0.05, 0.2, 0.6, 1.5, 5]) {
            for (const type of ['call', 'put'] as const) {
              const o = { S: 100, K: 100 * m, T, r: 0.03, q: 0.01, sigma, type };
              const price = bsPrice(o);
              const intrinsicFwd = Math.max(
                type === 'call'
                  ? o.S * Math.exp(-o.q * T) - o.K * Math.exp(-o.r * T)
                  : o.K * Math.exp(-o.r * T) - o.S * Math.exp(-o.q * T),
                0,
              );
              if (!(price > intrinsicFwd * (1 + 1e-10)) || price < 1e-300) continue; // no time value left to invert
              const iv = impliedVol({ price, K: o.K, T, r: o.r, type, model: 'bs', S: o.S, q: o.q });
              const back = bsPrice({ ...o, sigma: iv });
              expect(Math.abs(back - price) / price, `T=${T} m=${m} σ=${sigma} ${type}`).toBeLessThan(1e-12);
              n++;
            }
          }
        }
      }
      expect(n).toBeGreaterThan(270);
    });
  });

  describe('when the option is near the money with a tiny total deviation', () => {
    it('converges in relative price, not in the complement (regression: 2.6e-12 before)', () => {
      const c = {
        S: 100,
        K: 99.97556218848757,
        T: 0.008246415388449068,
        r: 0.0507250255905,
        q: 0.0808407947886,
        sigma: 0.0358725114015011,
      };
      for (const type of ['call', 'put'] as const) {
        const price = bsPrice({ ...c, type });
        const iv = impliedVol({ price, K: c.K, T: c.T, r: c.r, type, model: 'bs', S: c.S, q: c.q });
        expect(Math.abs(bsPrice({ ...c, sigma: iv, type }) - price) / price).toBeLessThan(1e-12);
      }
    });
  });

  describe('when given a Black-76 price', () => {
    it('recovers sigma on the forward', () => {
      const o = { F: 100000, K: 120000, T: 30 / 365, r: 0, sigma: 0.65 };
      const price = black76Price({ ...o, type: 'call' });
      expect(impliedVol({ price, K: o.K, T: o.T, r: 0, type: 'call', model: 'black76', F: o.F })).toBeCloseTo(
        0.65,
        12,
      );
    });

    it('handles a negative rate', () => {
      const o = { F: 100, K: 95, T: 2, r: -0.01, sigma: 0.3 };
      const price = black76Price({ ...o, type: 'put' });
      expect(
        impliedVol({ price, K: o.K, T: o.T, r: o.r, type: 'put', model: 'black76', F: o.F }),
      ).toBeCloseTo(0.3, 12);
    });
  });

  describe('when the price is outside the no-arbitrage bounds', () => {
    it('returns NaN', () => {
      const o = { K: 100, T: 1, r: 0, type: 'call', model: 'black76', F: 100 } as const;
      expect(impliedVol({ ...o, price: 0 })).toBeNaN();
      expect(impliedVol({ ...o, price: -1 })).toBeNaN();
      expect(impliedVol({ ...o, price: 100 })).toBeNaN();
      expect(impliedVol({ ...o, price: 150 })).toBeNaN();
      expect(impliedVol({ ...o, F: 120, price: 19.99 })).toBeNaN(); // below intrinsic
      expect(impliedVol({ ...o, type: 'put', price: 100 })).toBeNaN(); // put worth K
    });
  });

  describe('when the option has expired (T ≤ 0)', () => {
    it('returns NaN', () => {
      expect(impliedVol({ price: 5, K: 100, T: 0, r: 0, type: 'call', model: 'black76', F: 100 })).toBeNaN();
    });
  });

  describe('when a deep wing price is given', () => {
    it('never returns a fixed starting guess', () => {
      const o = { S: 100, K: 250, T: 0.1, r: 0.03, q: 0, sigma: 0.9, type: 'call' as const };
      const price = bsPrice(o);
      expect(
        impliedVol({ price, K: o.K, T: o.T, r: o.r, type: o.type, model: 'bs', S: o.S, q: 0 }),
      ).toBeCloseTo(0.9, 10);
    });
  });

  describe('when inputs are not numbers', () => {
    it('throws a RangeError', () => {
      expect(() =>
        impliedVol({ price: NaN, K: 100, T: 1, r: 0, type: 'call', model: 'black76', F: 100 }),
      ).toThrow(RangeError);
      expect(() =>
        impliedVol({ price: 1, K: 100, T: 1, r: 0, type: 'call', model: 'bs', S: -1, q: 0 }),
      ).toThrow(/S must be/);
    });
  });
});
