import { describe, expect, it } from 'vitest';
import { harRvForecast } from './har.ts';

describe('harRvForecast', () => {
  describe('when the series follows a HAR process exactly', () => {
    it('recovers the coefficients and forecasts the next value', () => {
      const beta = [1e-5, 0.4, 0.3, 0.2];
      const rv: number[] = [];
      for (let i = 0; i < 22; i++) rv.push(1e-4 * (1 + 0.3 * Math.sin(i)));
      const mean = (end: number, len: number): number =>
        rv.slice(end - len + 1, end + 1).reduce((a, b) => a + b, 0) / len;
      for (let t = 21; t < 2000; t++) {
        const noise = 3e-5 * Math.sin(t * t * 0.7133) * Math.sin(t * 1.7);
        rv.push((beta[0] as number) + 0.4 * (rv[t] as number) + 0.3 * mean(t, 5) + 0.2 * mean(t, 22) + noise);
      }
      const out = harRvForecast(rv);
      expect(out.observations).toBe(rv.length - 22);
      expect(Math.abs(out.coefficients[1] - 0.4)).toBeLessThan(0.05);
      expect(Math.abs(out.coefficients[2] - 0.3)).toBeLessThan(0.1);
      const last = rv.length - 1;
      const naive = 1e-5 + 0.4 * (rv[last] as number) + 0.3 * mean(last, 5) + 0.2 * mean(last, 22);
      expect(Math.abs(out.forecast - naive) / naive).toBeLessThan(0.02);
    });
  });

  describe('when the input is invalid', () => {
    it('throws a RangeError', () => {
      expect(() => harRvForecast([1, 2, 3])).toThrow(/at least 32/);
      expect(() => harRvForecast(new Array<number>(40).fill(1e-4).map((v, i) => (i === 3 ? -1 : v)))).toThrow(
        /rv\[3\]/,
      );
      expect(() => harRvForecast(new Array<number>(40).fill(1e-4))).toThrow(/singular/);
      expect(() => harRvForecast(new Array<number>(40).fill(1e-4), { medium: 5, long: 5 })).toThrow(/lags/);
    });
  });
});
