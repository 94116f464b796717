import { describe, expect, it } from 'vitest';
import { above, below, LIMIT_TOLERANCE } from './tolerance.ts';

describe('the one limit tolerance', () => {
  it('does not count float noise as beyond a bound', () => {
    expect(0.1 + 0.2).toBeGreaterThan(0.3);
    expect(above(0.1 + 0.2, 0.3)).toBe(false);
    expect(below(0.3 - 0.1 - 0.2, 0)).toBe(false);
  });

  it('counts anything beyond the slack, relative for large bounds and absolute below 1', () => {
    expect(above(1 + 2 * LIMIT_TOLERANCE, 1)).toBe(true);
    expect(above(50_000 + 25_000 * LIMIT_TOLERANCE, 50_000)).toBe(false);
    expect(above(50_000 + 100_000 * LIMIT_TOLERANCE, 50_000)).toBe(true);
    expect(above(0.1 + 2 * LIMIT_TOLERANCE, 0.1)).toBe(true);
    expect(below(0.1 - 2 * LIMIT_TOLERANCE, 0.1)).toBe(true);
  });
});
