import { describe, expect, it } from 'vitest';
import { applyOnce, isAfterEntry } from './entry-cursor';

describe('isAfterEntry', () => {
  it('orders ids by millisecond, then sequence, as numbers', () => {
    expect(isAfterEntry('1000-1', '1000-0')).toBe(true);
    expect(isAfterEntry('1001-0', '1000-9')).toBe(true);
    expect(isAfterEntry('10000-0', '9999-0')).toBe(true);
    expect(isAfterEntry('1000-0', '1000-0')).toBe(false);
    expect(isAfterEntry('999-5', '1000-0')).toBe(false);
  });

  it('takes any id when nothing was applied, and never a malformed one', () => {
    expect(isAfterEntry('1-0', undefined)).toBe(true);
    expect(isAfterEntry('yesterday', undefined)).toBe(false);
  });
});

describe('applyOnce', () => {
  const count = (s: { cursors: Record<string, string>; n: number }) => ({ ...s, n: s.n + 1 });

  it('applies each entry of a stream once, whatever repeats after a resume', () => {
    let state = { cursors: {}, n: 0 };
    for (const id of ['5-0', '6-0', '6-0', '5-0', '7-0'])
      state = applyOnce(state, { stream: 'a', id }, count);
    expect(state).toEqual({ cursors: { a: '7-0' }, n: 3 });
  });

  it('keeps one cursor per stream', () => {
    let state = { cursors: {}, n: 0 };
    state = applyOnce(state, { stream: 'a', id: '9-0' }, count);
    state = applyOnce(state, { stream: 'b', id: '1-0' }, count);
    expect(state).toEqual({ cursors: { a: '9-0', b: '1-0' }, n: 2 });
  });
});
