import { describe, expect, it } from 'vitest';
import { deriveStrikeSteps, roundStepAtLeast, stepForExpiry, strikesAround } from './strikes.ts';

describe('strikesAround', () => {
  it('places nine strikes on the step, centred on the grid point nearest the forward', () => {
    expect(strikesAround(100_400, 1000)).toEqual([
      96_000, 97_000, 98_000, 99_000, 100_000, 101_000, 102_000, 103_000, 104_000,
    ]);
  });

  it('brackets the forward', () => {
    const strikes = strikesAround(3_512.7, 50);
    expect(strikes).toHaveLength(9);
    expect(strikes[0]).toBeLessThan(3_512.7);
    expect(strikes.at(-1)).toBeGreaterThan(3_512.7);
  });

  describe('when the step is large against the forward', () => {
    it('keeps every strike positive', () => {
      expect(Math.min(...strikesAround(3, 1))).toBeGreaterThan(0);
    });
  });
});

describe('roundStepAtLeast', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([
      roundStepAtLeast(1000),
      roundStepAtLeast(35),
      roundStepAtLeast(70),
      roundStepAtLeast(0.006),
    ]).toEqual([1000, 50, 100, 0.01]);
  });

  it('rejects a non-positive step', () => {
    expect(() => roundStepAtLeast(0)).toThrow(RangeError);
  });
});

describe('deriveStrikeSteps', () => {
  it('derives 1 %, 2 % and 5 % of the price as round steps', () => {
    expect(deriveStrikeSteps(100_000)).toEqual([1000, 2000, 5000]);
    expect(deriveStrikeSteps(150)).toEqual([2, 5, 10]);
  });
});

describe('stepForExpiry', () => {
  it('widens the step with the time to expiry', () => {
    const steps = [1000, 2000, 5000] as const;
    expect([1, 7, 30].map((d) => stepForExpiry(steps, d / 365))).toEqual([1000, 2000, 5000]);
  });
});
