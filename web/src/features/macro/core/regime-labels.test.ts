import { MACRO_REGIMES } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { regimeLabel } from './regime-labels';

describe('regimeLabel', () => {
  it('gives each of the six regimes a distinct label', () => {
    const labels = MACRO_REGIMES.map(regimeLabel);
    expect(new Set(labels).size).toBe(6);
  });

  it('does not show chop or high_vol_bull as unknown', () => {
    expect(regimeLabel('chop')).toBe('Chop');
    expect(regimeLabel('high_vol_bull')).toBe('High-vol bull');
    expect(regimeLabel('unknown')).toBe('Unknown');
  });

  describe('when the regime is not one of the six', () => {
    it('shows the raw code', () => {
      expect(regimeLabel('sideways')).toBe('sideways');
    });
  });

  describe('when no macro state arrived', () => {
    it('says so', () => {
      expect(regimeLabel(null)).toBe('No macro state yet');
    });
  });
});
