import { describe, expect, it } from 'vitest';
import { sviTotalVariance } from './svi.ts';

describe('sviTotalVariance', () => {
  const p = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 };

  it('equals a + b(ρ(k − m) + √((k − m)² + σ²))', () => {
    expect(sviTotalVariance(p, 0.1)).toBeCloseTo(0.04 + 0.4 * 0.2, 15);
    expect(sviTotalVariance(p, 0)).toBeCloseTo(0.04 + 0.4 * (-0.4 * -0.1 + Math.sqrt(0.01 + 0.04)), 15);
  });

  it('has asymptotic wing slopes b(1 ± ρ)', () => {
    const k = 1000;
    expect((sviTotalVariance(p, k + 1) - sviTotalVariance(p, k)) / 1).toBeCloseTo(0.4 * (1 - 0.4), 6);
    expect((sviTotalVariance(p, -k - 1) - sviTotalVariance(p, -k)) / 1).toBeCloseTo(0.4 * (1 + 0.4), 6);
  });
});
