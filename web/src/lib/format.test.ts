import { describe, expect, it } from 'vitest';
import { clockTime, duration, fixed, percent, signed, spreadVolPoints } from './format';

describe('format', () => {
  it('signs spreads in vol points', () => {
    expect(spreadVolPoints(0.07)).toBe('+7.00 vol pts');
    expect(spreadVolPoints(-0.1)).toBe('-10.00 vol pts');
    expect(spreadVolPoints(0)).toBe('0.00 vol pts');
    expect(spreadVolPoints(null)).toBe('—');
  });

  it('never shows a negative zero', () => {
    expect(signed(-0.0001, 2)).toBe('0.00');
  });

  it('shows unknown numbers as a dash', () => {
    expect(fixed(null, 2)).toBe('—');
    expect(fixed(Number.NaN, 2)).toBe('—');
    expect(percent(undefined)).toBe('—');
  });

  it('shows times in UTC and durations compactly', () => {
    expect(clockTime('2026-03-02T09:15:04.120Z')).toBe('09:15:04');
    expect(duration(5_400)).toBe('5s');
    expect(duration(125_000)).toBe('2m 05s');
    expect(duration(3_720_000)).toBe('1h 02m');
  });
});
