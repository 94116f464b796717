import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsPrice } from './black-scholes.ts';
import { impliedVol } from './implied-vol.ts';
import { inverseOptionPrice } from './inverse.ts';

const arbInput = fc.record({
  S: fc.double({ min: 1, max: 1e5, noNaN: true }),
  m: fc.double({ min: 0.5, max: 2, noNaN: true }),
  T: fc.double({ min: 1 / 365, max: 5, noNaN: true }),
  r: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  q: fc.double({ min: 0, max: 0.05, noNaN: true }),
  sigma: fc.double({ min: 0.05, max: 3, noNaN: true }),
  type: fc.constantFrom('call' as const, 'put' as const),
});

describe('pricing properties (fast-check)', () => {
  it('price is non-decreasing in sigma', () => {
    fc.assert(
      fc.property(arbInput, fc.double({ min: 1.001, max: 2, noNaN: true }), ({ S, m, ...o }, f) => {
        const base = { ...o, S, K: S * m };
        expect(bsPrice({ ...base, sigma: o.sigma * f })).toBeGreaterThanOrEqual(bsPrice(base) * (1 - 1e-12));
      }),
    );
  });

  it('call is non-decreasing and put non-increasing in S', () => {
    fc.assert(
      fc.property(arbInput, ({ S, m, ...o }) => {
        const K = S * m;
        const up = bsPrice({ ...o, S: S * 1.01, K });
        const dn = bsPrice({ ...o, S, K });
        if (o.type === 'call') expect(up).toBeGreaterThanOrEqual(dn * (1 - 1e-12));
        else expect(up).toBeLessThanOrEqual(dn * (1 + 1e-12) + 1e-12);
      }),
    );
  });

  it('stays within the no-arbitrage bounds', () => {
    fc.assert(
      fc.property(arbInput, ({ S, m, ...o }) => {
        const K = S * m;
        const fs = S * Math.exp(-o.q * o.T);
        const kd = K * Math.exp(-o.r * o.T);
        const p = bsPrice({ ...o, S, K });
        const tol = 1e-9 * (S + K);
        if (o.type === 'call') {
          expect(p).toBeGreaterThanOrEqual(Math.max(fs - kd, 0) - tol);
          expect(p).toBeLessThanOrEqual(fs + tol);
        } else {
          expect(p).toBeGreaterThanOrEqual(Math.max(kd - fs, 0) - tol);
          expect(p).toBeLessThanOrEqual(kd + tol);
        }
      }),
    );
  });

  it('satisfies put–call parity', () => {
    fc.assert(
      fc.property(arbInput, ({ S, m, type: _type, ...o }) => {
        const K = S * m;
        const c = bsPrice({ ...o, S, K, type: 'call' });
        const p = bsPrice({ ...o, S, K, type: 'put' });
        expect(c - p).toBeCloseTo(
          S * Math.exp(-o.q * o.T) - K * Math.exp(-o.r * o.T),
          8 - Math.ceil(Math.log10(S + K)),
        );
      }),
    );
  });

  it('coin-settled prices satisfy C − P = (F − K)/F', () => {
    fc.assert(
      fc.property(arbInput, ({ S, m, T, sigma }) => {
        const K = S * m;
        const c = inverseOptionPrice({ F: S, K, T, sigma, type: 'call' });
        const p = inverseOptionPrice({ F: S, K, T, sigma, type: 'put' });
        expect(c - p).toBeCloseTo((S - K) / S, 12);
      }),
    );
  });

  it('implied vol round-trips to 1e-12 relative in price', () => {
    fc.assert(
      fc.property(arbInput, ({ S, m, ...o }) => {
        const K = S * m;
        const price = bsPrice({ ...o, S, K });
        const fs = S * Math.exp(-o.q * o.T);
        const kd = K * Math.exp(-o.r * o.T);
        const intrinsic = Math.max(o.type === 'call' ? fs - kd : kd - fs, 0);
        fc.pre(price > intrinsic * (1 + 1e-9) && price > 1e-300);
        const iv = impliedVol({ price, K, T: o.T, r: o.r, type: o.type, model: 'bs', S, q: o.q });
        const back = bsPrice({ ...o, S, K, sigma: iv });
        expect(Math.abs(back - price) / price).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
  });
});
