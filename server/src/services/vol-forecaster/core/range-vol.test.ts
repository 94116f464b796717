import { describe, expect, it } from 'vitest';
import type { OhlcBar } from './bars.ts';
import { rangeVolsOf } from './range-vol.ts';

const bar = (index: number, [open, high, low, close]: number[], ticks = 5): OhlcBar => ({
  index,
  open: open ?? NaN,
  high: high ?? NaN,
  low: low ?? NaN,
  close: close ?? NaN,
  ticks,
});

// Two 5 s bars with a range, then a single-tick bar
const bars = [bar(0, [100, 102, 99, 101]), bar(1, [101, 101.5, 100, 100.5]), bar(2, [100, 100, 100, 100], 1)];
const BARS_PER_YEAR = (365 * 86_400) / 5;

describe('rangeVolsOf', () => {
  it('gives the Parkinson vol Σ ln(H/L)² / (4 ln 2 · n), annualised', () => {
    const variance = (Math.log(102 / 99) ** 2 + Math.log(101.5 / 100) ** 2) / (4 * Math.LN2 * 2);
    const vols = rangeVolsOf(bars, 720, 5);
    expect(vols.parkinson).toBeCloseTo(Math.sqrt(variance * BARS_PER_YEAR), 12);
    expect(vols.parkinson).toBeCloseTo(35.578106605037135, 10);
  });

  it('gives the Garman–Klass vol (1/n) Σ [½ ln(H/L)² − (2 ln 2 − 1) ln(C/O)²], annualised', () => {
    const k = 2 * Math.LN2 - 1;
    const variance =
      (0.5 * Math.log(102 / 99) ** 2 -
        k * Math.log(101 / 100) ** 2 +
        0.5 * Math.log(101.5 / 100) ** 2 -
        k * Math.log(100.5 / 101) ** 2) /
      2;
    const vols = rangeVolsOf(bars, 720, 5);
    expect(vols.garmanKlass).toBeCloseTo(Math.sqrt(variance * BARS_PER_YEAR), 12);
    expect(vols.garmanKlass).toBeCloseTo(40.05190696229885, 10);
  });

  it('leaves single-tick bars out', () => {
    expect(rangeVolsOf(bars, 720, 5).bars).toBe(2);
  });

  it('uses only the last `window` bars', () => {
    const vols = rangeVolsOf([bar(0, [100, 150, 50, 100]), ...bars], 3, 5);
    expect(vols.parkinson).toBeCloseTo(35.578106605037135, 10);
  });

  describe('when fewer than two bars have a range', () => {
    it('reports null', () => {
      expect(rangeVolsOf(bars.slice(1), 720, 5)).toEqual({ parkinson: null, garmanKlass: null, bars: 1 });
      expect(rangeVolsOf([], 720, 5)).toEqual({ parkinson: null, garmanKlass: null, bars: 0 });
    });
  });
});
