import { describe, expect, it } from 'vitest';
import { createEquityCurve, pushSample } from './equity-curve.ts';

describe('pushSample', () => {
  describe('when the curve outgrows maxPoints', () => {
    it('drops every other point, keeps the newest and doubles the sampling step', () => {
      const curve = createEquityCurve({ sampleMs: 1000, maxPoints: 4 });
      for (let i = 0; i < 5; i++) pushSample(curve, { atMs: i, realized: i, unrealized: 0, fees: 0 });
      expect(curve.points.map((p) => p.atMs)).toEqual([0, 2, 4]);
      expect(curve.sampleMs).toBe(2000);
    });
  });

  describe('when equity falls below an earlier peak', () => {
    it('records the drawdown and keeps the deepest', () => {
      const curve = createEquityCurve({ sampleMs: 1000, maxPoints: 10 });
      for (const [atMs, realized] of [
        [0, 10],
        [1, 4],
        [2, 8],
      ] as const)
        pushSample(curve, { atMs, realized, unrealized: 0, fees: 0 });
      expect(curve.points.map((p) => p.drawdown)).toEqual([0, -6, -2]);
      expect(curve.maxDrawdown).toBe(-6);
      expect(curve.peak).toBe(10);
    });
  });
});
