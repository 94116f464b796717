import { describe, expect, it } from 'vitest';
import { controlForSecond, minimumControl, rationalCubic } from './rational-cubic.ts';

// A concave increasing test function on [1, 2]: y = ln x (y' = 1/x, y'' = −1/x²).
const [xl, xr] = [1, 2];
const [yl, yr] = [0, Math.log(2)];
const [dl, dr] = [1, 0.5];
const delta = (yr - yl) / (xr - xl);

describe('rationalCubic', () => {
  it('is the cubic Hermite interpolant at r = 3: exact on a cubic', () => {
    const f = (x: number): number => x * x * x - 2 * x;
    const d = (x: number): number => 3 * x * x - 2;
    for (const x of [1, 1.3, 1.5, 1.9, 2])
      expect(rationalCubic(x, 1, 2, f(1), f(2), d(1), d(2), 3)).toBeCloseTo(f(x), 12);
  });

  it('matches the end values and slopes for any control parameter', () => {
    for (const r of [0, 3, 10, 1e6]) {
      const at = (x: number): number => rationalCubic(x, xl, xr, yl, yr, dl, dr, r);
      expect(at(xl)).toBeCloseTo(yl, 14);
      expect(at(xr)).toBeCloseTo(yr, 14);
      const h = 1e-6;
      if (r < 1e6) {
        expect((at(xl + h) - at(xl)) / h).toBeCloseTo(dl, 5);
        expect((at(xr) - at(xr - h)) / h).toBeCloseTo(dr, 5);
      }
    }
  });

  it('matches a second derivative at the chosen end', () => {
    for (const atLeft of [true, false]) {
      const x0 = atLeft ? xl : xr;
      const second = -1 / (x0 * x0);
      const r = controlForSecond(xr - xl, delta, dl, dr, second, atLeft);
      const at = (x: number): number => rationalCubic(x, xl, xr, yl, yr, dl, dr, r);
      const h = 1e-4;
      const s = atLeft ? 1 : -1;
      const num = (at(x0 + 2 * s * h) - 2 * at(x0 + s * h) + at(x0)) / (h * h);
      expect(num).toBeCloseTo(second, 2);
    }
  });

  it('never goes below the control that keeps concave data concave and monotone', () => {
    const rMin = minimumControl(dl, dr, delta);
    expect(rMin).toBeGreaterThanOrEqual((dl + dr) / delta - 1e-12);
    // Asking for a convex end on concave data is overruled: the result stays concave (below the chord's end).
    const r = controlForSecond(xr - xl, delta, dl, dr, 5, true);
    expect(r).toBeGreaterThanOrEqual(rMin);
    let prev = -Infinity;
    let prevSlope = Infinity;
    for (let i = 1; i <= 100; i++) {
      const x = xl + i / 100;
      const y = rationalCubic(x, xl, xr, yl, yr, dl, dr, r);
      const slope = (y - rationalCubic(x - 0.01, xl, xr, yl, yr, dl, dr, r)) / 0.01;
      expect(y).toBeGreaterThan(prev);
      expect(slope).toBeLessThanOrEqual(prevSlope + 1e-9);
      prev = y;
      prevSlope = slope;
    }
  });
});
