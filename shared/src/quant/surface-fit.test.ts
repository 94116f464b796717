import { describe, expect, it } from 'vitest';
import { black76Greeks } from './black76.ts';
import { sviButterflyCheck, sviTotalVariance, type RawSvi } from './svi.ts';
import { fitSurface } from './surface-fit.ts';
import type { SurfaceFitExpiry } from './surface-fit-types.ts';
import { sviCalendarShortfall, sviRepairButterfly, sviSliceButterflyCheck } from './svi-slice-arbitrage.ts';

// Axel Vogt's smile, Gatheral–Jacquier (2014) §5.1: raw SVI with butterfly arbitrage, t = 1.
const VOGT: RawSvi = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };
const DENSE = { kMin: -3, kMax: 3, step: 0.0005 };

/** Quotes sampled exactly from a raw SVI smile at the given log-moneyness points. */
function quotes(q: { expiry: string; t: number; p: RawSvi; ks: number[] }): SurfaceFitExpiry {
  const { expiry, t, p, ks } = q;
  const forward = 100;
  return {
    expiry,
    t,
    forward,
    strikes: ks.map((k) => forward * Math.exp(k)),
    ivs: ks.map((k) => Math.sqrt(sviTotalVariance(p, k) / t)),
  };
}
const nine = (half: number): number[] => Array.from({ length: 9 }, (_, i) => -half + (half / 4) * i);

describe('fitSurface', () => {
  describe('when the quotes come from an arbitrage-free SVI smile', () => {
    const truth: RawSvi = { a: 0.02, b: 0.1, rho: -0.3, m: 0.01, sigma: 0.1 };
    const surface = fitSurface({
      expiries: [quotes({ expiry: '2026-06-26', t: 0.25, p: truth, ks: nine(0.2) })],
    });
    const slice = surface.slice('2026-06-26');

    it('recovers the parameters', () => {
      for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const)
        expect(slice.params[key]).toBeCloseTo(truth[key], 5);
      expect(slice.rmse).toBeLessThan(1e-8);
    });

    it('reports the slice free of arbitrage and unrepaired', () => {
      expect(slice.butterflyFree).toBe(true);
      expect(slice.calendarFree).toBe(true);
      expect(slice.repaired).toEqual({ butterfly: false, calendar: false });
      expect(surface.arbitrageFree).toBe(true);
    });

    it('gives the ATM IV at the listed strike nearest the forward and the term structure', () => {
      expect(slice.atmStrike).toBe(100);
      expect(slice.atmIv).toBeCloseTo(Math.sqrt(sviTotalVariance(truth, 0) / 0.25), 7);
      expect(surface.termStructure).toEqual({ '2026-06-26': slice.atmIv });
      expect(surface.ivAt('2026-06-26', 110)).toBe(slice.ivAt(110));
    });

    it('places the 25-delta strikes at |Black-76 delta| = 0.25 within 1e-9', () => {
      for (const [point, type, target] of [
        [slice.call25, 'call', 0.25],
        [slice.put25, 'put', -0.25],
      ] as const) {
        const sigma = slice.ivAt(point.strike);
        const { delta } = black76Greeks({ F: 100, K: point.strike, T: 0.25, r: 0, sigma, type });
        expect(Math.abs(delta - target)).toBeLessThan(1e-9);
        expect(point.iv).toBe(sigma);
      }
      expect(slice.call25.strike).toBeGreaterThan(100);
      expect(slice.put25.strike).toBeLessThan(100);
      expect(slice.rr25).toBeCloseTo(slice.call25.iv - slice.put25.iv, 15);
      expect(slice.rr25).toBeLessThan(0);
    });
  });

  describe("when the smile has butterfly arbitrage (Vogt's example)", () => {
    it('detects it and the Gatheral–Jacquier repair leaves g ≥ 0 everywhere', () => {
      expect(sviSliceButterflyCheck(VOGT).arbitrageFree).toBe(false);
      const { params, repaired } = sviRepairButterfly(VOGT, 1);
      expect(repaired).toBe(true);
      expect(sviButterflyCheck(params, DENSE).minG).toBeGreaterThanOrEqual(0);
      // Same ATM variance, skew and put wing: only the call wing and the minimum move
      expect(sviTotalVariance(params, 0)).toBeCloseTo(sviTotalVariance(VOGT, 0), 10);
    });

    it('fits the quotes, flags the repair and returns a smile with g ≥ 0', () => {
      const ks = Array.from({ length: 13 }, (_, i) => -1.2 + 0.2 * i);
      const slice = fitSurface({ expiries: [quotes({ expiry: 'vogt', t: 1, p: VOGT, ks: ks })] }).slices[0];
      expect(sviSliceButterflyCheck(slice?.calibrated ?? VOGT).arbitrageFree).toBe(false);
      expect(slice?.repaired.butterfly).toBe(true);
      expect(slice?.butterflyFree).toBe(true);
      expect(sviButterflyCheck(slice?.params ?? VOGT, DENSE).minG).toBeGreaterThanOrEqual(0);
    });
  });

  describe('when a later slice crosses below an earlier one', () => {
    const near: RawSvi = { a: 0.01, b: 0.25, rho: -0.2, m: 0, sigma: 0.1 };
    const far: RawSvi = { a: 0.03, b: 0.08, rho: -0.1, m: 0, sigma: 0.2 };
    const surface = fitSurface({
      expiries: [
        quotes({ expiry: 'far', t: 0.5, p: far, ks: nine(0.6) }),
        quotes({ expiry: 'near', t: 0.25, p: near, ks: nine(0.6) }),
      ],
    });

    it('detects the crossing in the calibrated slices', () => {
      expect(sviCalendarShortfall(near, far).shortfall).toBeGreaterThan(0);
      const [first, second] = surface.slices;
      expect(
        sviCalendarShortfall(first?.calibrated ?? near, second?.calibrated ?? far).shortfall,
      ).toBeGreaterThan(0);
    });

    it('lifts the later slice to non-decreasing total variance, still butterfly-free', () => {
      const [first, second] = surface.slices;
      expect(first?.expiry).toBe('near');
      expect(second?.repaired.calendar).toBe(true);
      expect(second?.calendarFree).toBe(true);
      expect(second?.butterflyFree).toBe(true);
      expect(surface.arbitrageFree).toBe(true);
      const a = first?.params ?? near;
      const b = second?.params ?? far;
      for (let k = -2; k <= 2; k += 0.001) {
        expect(sviTotalVariance(b, k)).toBeGreaterThanOrEqual(sviTotalVariance(a, k));
      }
      expect(Object.keys(surface.termStructure)).toEqual(['near', 'far']);
    });
  });

  describe('when the input is invalid', () => {
    const ok = quotes({
      expiry: 'e',
      t: 0.25,
      p: { a: 0.02, b: 0.1, rho: -0.3, m: 0, sigma: 0.1 },
      ks: nine(0.2),
    });
    it('throws a RangeError naming the problem', () => {
      expect(() => fitSurface({ expiries: [] })).toThrow(/at least one expiry/);
      expect(() => fitSurface({ expiries: [ok, ok] })).toThrow(/listed twice/);
      expect(() => fitSurface({ expiries: [{ ...ok, t: 0 }] })).toThrow(/t must be/);
      expect(() => fitSurface({ expiries: [{ ...ok, forward: -1 }] })).toThrow(/forward/);
      expect(() => fitSurface({ expiries: [{ ...ok, ivs: ok.ivs.slice(1) }] })).toThrow(
        /8 ivs for 9 strikes/,
      );
      expect(() => fitSurface({ expiries: [{ ...ok, ivs: ok.ivs.map(() => NaN) }] })).toThrow(/ivs\[0\]/);
      expect(() => fitSurface({ expiries: [ok] }).slice('nope')).toThrow(/not on the fitted surface/);
      expect(() => fitSurface({ expiries: [ok] }).ivAt('e', 0)).toThrow(/strike/);
    });
  });
});
