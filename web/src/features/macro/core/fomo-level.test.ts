import { describe, expect, it } from 'vitest';
import { aboveGate, fomoLevel, fomoText } from './fomo-level';

describe('fomoLevel', () => {
  describe('when the score is known', () => {
    it.each([
      [0, 'low'],
      [0.29, 'low'],
      [0.3, 'medium'],
      [0.59, 'medium'],
      [0.6, 'high'],
      [1, 'high'],
    ] as const)('maps %s to %s', (score, level) => {
      expect(fomoLevel(score)).toBe(level);
    });
  });

  describe('when the score is null or not finite', () => {
    it('is unknown', () => {
      expect(fomoLevel(null)).toBe('unknown');
      expect(fomoLevel(undefined)).toBe('unknown');
      expect(fomoLevel(Number.NaN)).toBe('unknown');
    });
  });
});

describe('fomoText', () => {
  it('shows 0 as "0.00, low", not unknown', () => {
    expect(fomoText(0)).toBe('0.00, low');
  });

  it('shows the score with 2 decimals and its level', () => {
    expect(fomoText(0.384)).toBe('0.38, medium');
    expect(fomoText(0.74)).toBe('0.74, high');
  });

  it('shows null as "unknown"', () => {
    expect(fomoText(null)).toBe('unknown');
  });
});

describe('aboveGate', () => {
  it('blocks only strictly above the gate', () => {
    expect(aboveGate(0.7, 0.7)).toBe(false);
    expect(aboveGate(0.75, 0.7)).toBe(true);
    expect(aboveGate(null, 0.7)).toBe(false);
  });
});
