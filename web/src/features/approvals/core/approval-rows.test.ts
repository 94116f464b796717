import { describe, expect, it } from 'vitest';
import { byExpiry, nextShownRows, rowState } from './approval-rows';

const NOW = Date.parse('2026-03-02T09:16:00.000Z');
const row = (id: string, expiresAt: string) => ({ intent: { intent_id: id }, expires_at: expiresAt });
const open = (id: string) => row(id, '2026-03-02T09:17:00.000Z');
const past = (id: string) => row(id, '2026-03-02T09:15:00.000Z');
const ctx = (over: Partial<Parameters<typeof nextShownRows>[2]> = {}) => ({
  resolved: {},
  dismissed: new Set<string>(),
  nowMs: NOW,
  ...over,
});

describe('rowState', () => {
  it('is open before expires_at', () => {
    expect(rowState(open('a'), {}, NOW)).toBe('open');
  });

  it('is expired once now reaches expires_at', () => {
    expect(rowState(past('a'), {}, NOW)).toBe('expired');
  });

  describe('when the engine published the expired decision', () => {
    it('is expired even if the local clock lags', () => {
      expect(rowState(open('a'), { a: 'expired' }, NOW)).toBe('expired');
    });
  });
});

describe('nextShownRows', () => {
  it('shows the fresh pending list', () => {
    expect(nextShownRows([], [open('a'), open('b')], ctx()).map((r) => r.intent.intent_id)).toEqual([
      'a',
      'b',
    ]);
  });

  describe('when an intent was approved or vetoed live', () => {
    it('hides its row before the refetch drops it', () => {
      const shown = nextShownRows(
        [],
        [open('a'), open('b')],
        ctx({ resolved: { a: 'approved', b: 'vetoed' } }),
      );
      expect(shown).toEqual([]);
    });
  });

  describe('when an expired row drops out of the pending list', () => {
    it('keeps it on screen, expired', () => {
      const before = [open('a'), past('b')];
      const shown = nextShownRows(before, [open('a')], ctx());
      expect(shown.map((r) => r.intent.intent_id)).toEqual(['a', 'b']);
    });

    it('keeps it after the expired decision too', () => {
      const shown = nextShownRows([open('b')], [], ctx({ resolved: { b: 'expired' } }));
      expect(shown.map((r) => r.intent.intent_id)).toEqual(['b']);
    });
  });

  describe('when an open row drops out without a decision', () => {
    it('removes it', () => {
      expect(nextShownRows([open('a')], [], ctx())).toEqual([]);
    });
  });

  describe('when the trader dismissed an expired row', () => {
    it('removes it', () => {
      const shown = nextShownRows([past('b')], [], ctx({ dismissed: new Set(['b']) }));
      expect(shown).toEqual([]);
    });
  });
});

describe('byExpiry', () => {
  const T0 = '2026-03-02T09:15:00.000Z';
  const at = (id: string, expiresAt: string, [entryId, createdAt = T0]: [string | null, string?]) => ({
    ...row(id, expiresAt),
    entry_id: entryId,
    created_at: createdAt,
  });
  const ids = (rows: { intent: { intent_id: string } }[]) => rows.map((r) => r.intent.intent_id);
  const T = '2026-03-02T09:17:00.000Z';

  it('lists the oldest expiry first', () => {
    const rows = [at('late', '2026-03-02T09:17:00.001Z', ['1-0']), at('early', T, ['2-0'])];
    expect(ids(byExpiry(rows))).toEqual(['early', 'late']);
  });

  describe('when intents of one batch expire in the same millisecond', () => {
    it('lists them in the order they arrived on strategy.intent', () => {
      const rows = [
        at('third', T, ['1772442000000-10']),
        at('first', T, ['1772442000000-2']),
        at('second', T, ['1772442000000-9']),
        at('fourth', T, ['1772442000001-0']),
      ];
      expect(ids(byExpiry(rows))).toEqual(['first', 'second', 'third', 'fourth']);
    });
  });

  describe('when tied records carry no entry id (opened before it was recorded)', () => {
    it('lists them by when they were opened, else as the server listed them', () => {
      const rows = [
        at('b', T, [null, '2026-03-02T09:15:00.002Z']),
        at('c', T, [null]),
        at('a', T, [null, '2026-03-02T09:15:00.001Z']),
        at('d', T, [null]),
      ];
      expect(ids(byExpiry(rows))).toEqual(['c', 'd', 'a', 'b']);
    });
  });

  it('is what nextShownRows lists the fresh pending list by', () => {
    const fresh = [at('b', T, ['5-1']), at('a', T, ['5-0'])];
    expect(ids(nextShownRows([], fresh, ctx()))).toEqual(['a', 'b']);
  });
});
