import { describe, expect, it } from 'vitest';
import { garmanKlassVol, parkinsonVol } from './realized-vol.ts';

describe('range-based volatility', () => {
  const bars = {
    open: [100, 101, 99],
    high: [102, 103, 101],
    low: [99, 100, 97],
    close: [101, 99, 100],
  };

  describe('parkinsonVol', () => {
    it('is √(Σ ln(H/L)² / (4 ln 2 · n)) per bar', () => {
      const s = [102 / 99, 103 / 100, 101 / 97].reduce((a, x) => a + Math.log(x) ** 2, 0);
      const v = Math.sqrt(s / (4 * Math.LN2 * 3));
      const out = parkinsonVol(bars, { periodsPerYear: 365 });
      expect(out.perBarVol).toBeCloseTo(v, 15);
      expect(out.annualVol).toBeCloseTo(v * Math.sqrt(365), 14);
    });
  });

  describe('garmanKlassVol', () => {
    it('is √((1/n) Σ ½ln(H/L)² − (2 ln 2 − 1) ln(C/O)²) per bar', () => {
      let s = 0;
      for (let i = 0; i < 3; i++) {
        const hl = Math.log((bars.high[i] as number) / (bars.low[i] as number));
        const co = Math.log((bars.close[i] as number) / (bars.open[i] as number));
        s += 0.5 * hl * hl - (2 * Math.LN2 - 1) * co * co;
      }
      expect(garmanKlassVol(bars).perBarVol).toBeCloseTo(Math.sqrt(s / 3), 15);
      expect(garmanKlassVol(bars).annualVol).toBeUndefined();
    });
  });

  describe('when bars are invalid', () => {
    it('throws a RangeError', () => {
      expect(() => parkinsonVol({ high: [1, 2], low: [1] })).toThrow(/low has 1 bars/);
      expect(() => parkinsonVol({ high: [1], low: [2] })).toThrow(/high\[0\] is below low\[0\]/);
      expect(() => parkinsonVol({ high: [], low: [] })).toThrow(/at least one bar/);
      expect(() => garmanKlassVol({ ...bars, close: [1, 0, 1] })).toThrow(/close\[1\]/);
    });
  });
});
