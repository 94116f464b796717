import { describe, expect, it } from 'vitest';
import { greekUsage } from './greek-limits';

describe('greekUsage', () => {
  it('measures delta, gamma and vega by size, either sign', () => {
    expect(greekUsage('delta', -1, 2)).toEqual({ share: 0.5, level: 'ok' });
    expect(greekUsage('vega', 4000, 5000)).toEqual({ share: 0.8, level: 'near' });
    expect(greekUsage('gamma', -0.0005, 0.0004)?.level).toBe('over');
  });

  it('counts only a short theta against the theta limit', () => {
    expect(greekUsage('theta', 900, 1000)).toEqual({ share: 0, level: 'ok' });
    expect(greekUsage('theta', -900, 1000)).toEqual({ share: 0.9, level: 'near' });
  });

  it('is over only beyond the limit, not at it', () => {
    expect(greekUsage('delta', 2, 2)?.level).toBe('near');
    expect(greekUsage('delta', 2.01, 2)?.level).toBe('over');
  });

  it('gives nothing without a limit', () => {
    expect(greekUsage('delta', 5, null)).toBeNull();
    expect(greekUsage('delta', 5, 0)).toBeNull();
  });
});
