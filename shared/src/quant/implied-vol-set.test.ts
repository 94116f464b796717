import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bsPrice } from './black-scholes.ts';
import { impliedVol } from './implied-vol.ts';
import type { OptionType } from './types.ts';

// The benchmark's set (issue 12): S U[50, 150], T U[0.01, 2] y, σ U[0.1, 1.5], K = S·e^{zσ√T} with
// z U[−2.5, 2.5], r U[0, 0.05], q = 0, calls and puts; the bar is 1e-8 in σ.
const TOL_SIGMA = 1e-8;

interface Drawn {
  S: number;
  T: number;
  sigma: number;
  z: number;
  r: number;
  type: OptionType;
}

function roundTrip(c: Drawn): { iv: number; sigma: number } {
  const K = c.S * Math.exp(c.z * c.sigma * Math.sqrt(c.T));
  const o = { S: c.S, K, T: c.T, r: c.r, q: 0, sigma: c.sigma, type: c.type };
  const price = bsPrice(o);
  const iv = impliedVol({ price, K, T: c.T, r: c.r, type: c.type, model: 'bs', S: c.S, q: 0 });
  return { iv, sigma: c.sigma };
}

const drawn = (z: fc.Arbitrary<number>, T: fc.Arbitrary<number>, sigma: fc.Arbitrary<number>) =>
  fc.record({
    S: fc.double({ min: 50, max: 150, noNaN: true }),
    T,
    sigma,
    z,
    r: fc.double({ min: 0, max: 0.05, noNaN: true }),
    type: fc.constantFrom<OptionType>('call', 'put'),
  });

describe('impliedVol on the benchmark set', () => {
  it('recovers σ to 1e-8 over the whole set', () => {
    const arb = drawn(
      fc.double({ min: -2.5, max: 2.5, noNaN: true }),
      fc.double({ min: 0.01, max: 2, noNaN: true }),
      fc.double({ min: 0.1, max: 1.5, noNaN: true }),
    );
    fc.assert(
      fc.property(arb, (c) => {
        const { iv, sigma } = roundTrip(c);
        expect(Math.abs(iv - sigma)).toBeLessThan(TOL_SIGMA);
      }),
      { numRuns: 2000 },
    );
  });

  it('recovers σ to 1e-8 at tiny T (5 minutes to 4 days)', () => {
    const arb = drawn(
      fc.double({ min: -2.5, max: 2.5, noNaN: true }),
      fc.double({ min: 1e-5, max: 0.01, noNaN: true }),
      fc.double({ min: 0.1, max: 1.5, noNaN: true }),
    );
    fc.assert(
      fc.property(arb, (c) => {
        const { iv, sigma } = roundTrip(c);
        expect(Math.abs(iv - sigma)).toBeLessThan(TOL_SIGMA);
      }),
      { numRuns: 1000 },
    );
  });

  it('recovers σ to 1e-8 deep out of the money (2.5 to 8 s.d., prices down to ~1e-16 of spot)', () => {
    // Out of the money only: deep in the money the time value is below the rounding of the price itself.
    const arb = drawn(
      fc.double({ min: 2.5, max: 8, noNaN: true }),
      fc.double({ min: 1e-4, max: 2, noNaN: true }),
      fc.double({ min: 0.05, max: 3, noNaN: true }),
    );
    fc.assert(
      fc.property(arb, (c) => {
        const otm = { ...c, z: c.type === 'call' ? c.z : -c.z };
        const { iv, sigma } = roundTrip(otm);
        expect(Math.abs(iv - sigma)).toBeLessThan(TOL_SIGMA);
      }),
      { numRuns: 1000 },
    );
  });

  it('recovers σ exactly enough at the edges of the set', () => {
    for (const T of [0.01, 2])
      for (const sigma of [0.1, 1.5])
        for (const z of [-2.5, 0, 2.5])
          for (const type of ['call', 'put'] as const) {
            const { iv } = roundTrip({ S: 100, T, sigma, z, r: 0.05, type });
            expect(Math.abs(iv - sigma), `T=${T} σ=${sigma} z=${z} ${type}`).toBeLessThan(TOL_SIGMA);
          }
  });
});
