import { describe, expect, it } from 'vitest';
import { formatTime } from './time';

describe('formatTime', () => {
  const iso = '2026-03-02T09:15:04.120Z';

  it('shows UTC in three styles', () => {
    expect(formatTime(iso, 'utc')).toBe('09:15:04');
    expect(formatTime(iso, 'utc', 'datetime')).toBe('2026-03-02 09:15:04');
    expect(formatTime(iso, 'utc', 'ms')).toBe('09:15:04.120');
    expect(formatTime(Date.parse(iso), 'utc')).toBe('09:15:04');
  });

  it('shows local time by the browser zone', () => {
    const d = new Date(iso);
    const expected = [d.getHours(), d.getMinutes(), d.getSeconds()]
      .map((n) => String(n).padStart(2, '0'))
      .join(':');
    expect(formatTime(iso, 'local')).toBe(expected);
  });

  it('shows unknown times as a dash', () => {
    expect(formatTime(null, 'utc')).toBe('—');
    expect(formatTime('not a time', 'local')).toBe('—');
  });
});
