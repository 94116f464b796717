import { describe, expect, it } from 'vitest';
import { normCdf, normInv, normPdf } from './normal.ts';

// Reference values from mpmath at 40 digits, rounded to double.
const CDF: readonly (readonly [number, number])[] = [
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [-1, 0.15865525393145707],
  [1.5, 0.9331927987311419],
  [-3, 0.0013498980316300933],
  [-10, 7.61985302416047e-24],
  [-20, 2.7536241186062337e-89],
  [-37, 5.725571222524577e-300], // mpmath; scipy gives 5.7255712225239266e-300,
  [5, 0.9999997133484281],
];

describe('normCdf', () => {
  describe('when compared with double-precision references', () => {
    it('matches to 1e-14 relative, including far tails', () => {
      for (const [x, p] of CDF) expect(Math.abs(normCdf(x) - p) / p).toBeLessThan(1e-14);
    });
  });

  it('is symmetric: N(x) + N(−x) = 1', () => {
    for (let x = -6; x <= 6; x += 0.37) expect(normCdf(x) + normCdf(-x)).toBeCloseTo(1, 15);
  });

  it('is NaN for NaN and saturates at ±∞', () => {
    expect(normCdf(NaN)).toBeNaN();
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
  });
});

describe('normPdf', () => {
  it('is e^{−x²/2}/√(2π)', () => {
    expect(normPdf(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(normPdf(1)).toBeCloseTo(0.24197072451914337, 16);
  });
});

describe('normInv', () => {
  it('inverts normCdf to full precision', () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.7, 0.975, 1 - 1e-12]) {
      const x = normInv(p);
      const back = p < 0.5 ? normCdf(x) : 1 - normCdf(-x);
      expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-12);
    }
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 14);
  });

  it('returns ±∞ at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    expect(normInv(1.1)).toBeNaN();
    expect(normInv(-0.1)).toBeNaN();
  });
});
