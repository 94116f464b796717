import { describe, expect, it } from 'vitest';
import {
  sviButterflyCheck,
  sviFromJumpWings,
  sviMinTotalVariance,
  sviRepairJumpWings,
  sviToJumpWings,
  sviTotalVariance,
} from './svi.ts';

// Axel Vogt's smile, Gatheral–Jacquier (2014) §5.1: raw SVI with butterfly arbitrage, t = 1.
const VOGT = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };
const GRID = { kMin: -1.5, kMax: 1.5, step: 0.001 };

describe('SVI arbitrage tools', () => {
  describe('sviMinTotalVariance', () => {
    it('is a + b·σ·√(1 − ρ²) and the minimum of w over k', () => {
      const p = { a: 0.02, b: 0.3, rho: -0.5, m: 0.05, sigma: 0.2 };
      const min = sviMinTotalVariance(p);
      expect(min).toBeCloseTo(0.02 + 0.3 * 0.2 * Math.sqrt(0.75), 15);
      for (let k = -2; k <= 2; k += 0.01) expect(sviTotalVariance(p, k)).toBeGreaterThanOrEqual(min - 1e-15);
    });
  });

  describe('sviToJumpWings and sviFromJumpWings', () => {
    it('round-trip raw parameters', () => {
      for (const p of [VOGT, { a: 0.01, b: 0.1, rho: -0.3, m: 0.02, sigma: 0.15 }]) {
        const jw = sviToJumpWings(p, 0.7);
        const back = sviFromJumpWings({ ...jw, t: 0.7 });
        for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) expect(back[key]).toBeCloseTo(p[key], 10);
      }
    });

    it('has v = ATM variance and wings p, c = b(1 ∓ ρ)/√w', () => {
      const jw = sviToJumpWings(VOGT, 1);
      const w0 = sviTotalVariance(VOGT, 0);
      expect(jw.v).toBeCloseTo(w0, 15);
      expect(jw.p).toBeCloseTo((VOGT.b * (1 - VOGT.rho)) / Math.sqrt(w0), 14);
      expect(jw.c).toBeCloseTo((VOGT.b * (1 + VOGT.rho)) / Math.sqrt(w0), 14);
      // Gatheral–Jacquier (2014), Table 1: (v, ψ, p, c, ṽ) = (0.01742625, −0.1752111, 0.6997381, 1.316798, 0.0116249)
      expect(jw.v).toBeCloseTo(0.01742625, 8);
      expect(jw.psi).toBeCloseTo(-0.1752111, 7);
      expect(jw.p).toBeCloseTo(0.6997381, 7);
      expect(jw.c).toBeCloseTo(1.316798, 6);
      expect(jw.vTilde).toBeCloseTo(0.0116249, 7);
    });
  });

  describe('sviButterflyCheck', () => {
    it("flags Vogt's smile (g < 0 near k ≈ 0.6, as in Gatheral–Jacquier Fig. 1)", () => {
      const r = sviButterflyCheck(VOGT, GRID);
      expect(r.arbitrageFree).toBe(false);
      expect(r.minG).toBeLessThan(0);
      expect(r.argMinK).toBeGreaterThan(0.3);
      expect(r.argMinK).toBeLessThan(1);
    });

    it('passes a typical equity-like smile', () => {
      expect(
        sviButterflyCheck({ a: 0.01, b: 0.1, rho: -0.3, m: 0.02, sigma: 0.15 }, GRID).arbitrageFree,
      ).toBe(true);
    });

    it('rejects an empty grid', () => {
      expect(() => sviButterflyCheck(VOGT, { kMin: 1, kMax: 0, step: 0.1 })).toThrow(RangeError);
    });
  });

  describe('sviRepairJumpWings', () => {
    it('returns c′ = p + 2ψ, ṽ′ = 4vpc′/(p + c′)² and a smile free of butterfly arbitrage', () => {
      const jw = sviToJumpWings(VOGT, 1);
      const fix = sviRepairJumpWings({ v: jw.v, psi: jw.psi, p: jw.p, t: 1 });
      expect(fix.c).toBeCloseTo(jw.p + 2 * jw.psi, 15);
      // Gatheral–Jacquier (2014), Table 1: c′ = 0.3493158, ṽ′ = 0.01548182
      expect(fix.c).toBeCloseTo(0.3493158, 7);
      expect(fix.vTilde).toBeCloseTo(0.01548182, 8);
      expect(fix.vTilde).toBeCloseTo((4 * jw.v * jw.p * fix.c) / (jw.p + fix.c) ** 2, 15);
      const repaired = sviFromJumpWings({
        v: jw.v,
        psi: jw.psi,
        p: jw.p,
        c: fix.c,
        vTilde: fix.vTilde,
        t: 1,
      });
      expect(sviButterflyCheck(repaired, GRID).arbitrageFree).toBe(true);
      // same ATM variance and skew
      expect(sviTotalVariance(repaired, 0)).toBeCloseTo(sviTotalVariance(VOGT, 0), 12);
      expect(sviToJumpWings(repaired, 1).psi).toBeCloseTo(jw.psi, 12);
    });
  });
});
