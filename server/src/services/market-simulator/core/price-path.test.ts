import { describe, expect, it } from 'vitest';
import { stepPath, type PathParams, type PathState } from './price-path.ts';
import { seedRng } from './rng.ts';

const params: PathParams = {
  longRunVariance: 0.3,
  meanReversion: 12_000,
  volOfVol: 30,
  correlation: -0.5,
  jumpsPerYear: 4_380,
  jumpMean: 0,
  jumpStd: 0.003,
};

function run(seed: number, steps: number): PathState[] {
  const out: PathState[] = [];
  let s: PathState = { spot: 100_000, variance: 0.3, rng: seedRng(seed) };
  for (let i = 0; i < steps; i += 1) {
    s = stepPath(s, params, 1);
    out.push(s);
  }
  return out;
}

describe('stepPath', () => {
  it('reproduces the same path for the same seed', () => {
    expect(run(42, 500)).toEqual(run(42, 500));
  });

  it('gives a different path for another seed', () => {
    expect(run(43, 50).at(-1)?.spot).not.toBe(run(42, 50).at(-1)?.spot);
  });

  it('keeps the price and the variance positive over a long run', () => {
    for (const s of run(7, 20_000)) {
      expect(s.spot).toBeGreaterThan(0);
      expect(s.variance).toBeGreaterThan(0);
    }
  });

  it('moves the variance around its long-run level', () => {
    const path = run(11, 20_000);
    const mean = path.reduce((sum, s) => sum + s.variance, 0) / path.length;
    expect(mean).toBeGreaterThan(0.15);
    expect(mean).toBeLessThan(0.6);
    expect(Math.max(...path.map((s) => s.variance))).toBeGreaterThan(
      Math.min(...path.map((s) => s.variance)) * 1.5,
    );
  });

  describe('when no time passes', () => {
    it('returns the state unchanged', () => {
      const s: PathState = { spot: 1, variance: 0.1, rng: seedRng(1) };
      expect(stepPath(s, params, 0)).toBe(s);
    });
  });
});
