import { describe, expect, it } from 'vitest';
import { isTimeWindowKey, windowFrom } from './time-window';

const at = Date.parse('2026-03-02T09:15:42.500Z');

describe('windowFrom', () => {
  it('is undefined for any time', () => {
    expect(windowFrom('all', at)).toBeUndefined();
  });

  it('goes back the window from the start of the current minute', () => {
    expect(windowFrom('15m', at)).toBe('2026-03-02T09:00:00.000Z');
    expect(windowFrom('1h', at)).toBe('2026-03-02T08:15:00.000Z');
    expect(windowFrom('24h', at)).toBe('2026-03-01T09:15:00.000Z');
  });

  it('stays the same within a minute, so the query is not refetched every render', () => {
    expect(windowFrom('1h', at + 10_000)).toBe(windowFrom('1h', at));
  });
});

describe('isTimeWindowKey', () => {
  it('knows the choices and nothing else', () => {
    expect(isTimeWindowKey('4h')).toBe(true);
    expect(isTimeWindowKey('1w')).toBe(false);
  });
});
