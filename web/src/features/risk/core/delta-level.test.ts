import { describe, expect, it } from 'vitest';
import { deltaLevel } from './delta-level';

describe('deltaLevel', () => {
  it.each([
    [0, 'green'],
    [0.0499, 'green'],
    [-0.0499, 'green'],
    [0.05, 'amber'],
    [-0.0999, 'amber'],
    [0.1, 'red'],
    [-0.5, 'red'],
  ] as const)('Δ %s with threshold 0.05 is %s', (delta, level) => {
    expect(deltaLevel(delta, 0.05)).toBe(level);
  });
});
