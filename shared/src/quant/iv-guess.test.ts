import { describe, expect, it } from 'vitest';
import { normCdf } from './normal.ts';
import { GUESS, LOWER_MIDDLE, LOWEST, UPPER, UPPER_MIDDLE, initialGuess } from './iv-guess.ts';

/** Normalised Black call (textbook formula: fine for the moderate inputs below). */
const b = (x: number, s: number): number =>
  Math.exp(x / 2) * normCdf(x / s + s / 2) - Math.exp(-x / 2) * normCdf(x / s - s / 2);

describe('initialGuess (four branches of Let’s Be Rational)', () => {
  it('lands within 10 % of the true s on every branch, and every branch is used', () => {
    const seen = new Set<number>();
    for (const x of [-3, -1, -0.3, -0.05, -1e-3, 0])
      for (const s of [0.02, 0.1, 0.3, 0.7, 1.2, 2, 3.5, 6]) {
        const beta = b(x, s);
        if (!(beta > 1e-250 && beta < Math.exp(x / 2) * (1 - 1e-12))) continue;
        const branch = initialGuess(beta, x, Math.exp(x / 2));
        seen.add(branch);
        expect(Math.abs((GUESS[0] as number) / s - 1), `x=${x} s=${s} branch ${branch}`).toBeLessThan(0.1);
      }
    expect([...seen].sort()).toEqual([LOWEST, LOWER_MIDDLE, UPPER_MIDDLE, UPPER]);
  });

  it('is exact at the inflection point s_c = √(2|x|)', () => {
    for (const x of [-2, -0.5, -0.01]) {
      const sc = Math.sqrt(-2 * x);
      initialGuess(b(x, sc), x, Math.exp(x / 2));
      expect(GUESS[0]).toBeCloseTo(sc, 10);
    }
  });
});
