import { describe, expect, it } from 'vitest';
import { allRows, fieldOf, scopeLabel, shownRows, sinceText, type ScopeRow } from './trading-state-rows';

const row = (over: Partial<ScopeRow>): ScopeRow => ({
  scope: 'global',
  key: null,
  state: 'HALTED',
  reason: 'incident',
  changed_by: 'alice',
  since: '2026-12-05T17:00:00.000Z',
  ...over,
});

describe('shownRows', () => {
  it('shows the global state ACTIVE before anything is known', () => {
    expect(shownRows(undefined, {})).toEqual([
      { scope: 'global', key: null, state: 'ACTIVE', reason: null, changed_by: null, since: null },
    ]);
  });

  it('shows the global state and every scope that is not ACTIVE, the newer of snapshot and live', () => {
    const snapshot = {
      global: row({ state: 'REDUCING' }),
      scopes: [
        row({ scope: 'strategy', key: 'grid_btc', state: 'REDUCING' }),
        row({ scope: 'underlying', key: 'ETH', state: 'ACTIVE' }),
      ],
    };
    const live = {
      global: row({ state: 'HALTED', since: '2026-12-05T17:01:00.000Z' }),
      'underlying:BTC': row({ scope: 'underlying', key: 'BTC' }),
      // older than the snapshot's: the snapshot wins
      'strategy:grid_btc': row({
        scope: 'strategy',
        key: 'grid_btc',
        state: 'ACTIVE',
        since: '2026-12-05T16:00:00.000Z',
      }),
    };
    expect(shownRows(snapshot, live).map((r) => [fieldOf(r), r.state])).toEqual([
      ['global', 'HALTED'],
      ['strategy:grid_btc', 'REDUCING'],
      ['underlying:BTC', 'HALTED'],
    ]);
  });

  it('drops a scope resumed live', () => {
    const snapshot = { global: row({ state: 'ACTIVE' }), scopes: [row({ scope: 'underlying', key: 'ETH' })] };
    const live = {
      'underlying:ETH': row({
        scope: 'underlying',
        key: 'ETH',
        state: 'ACTIVE',
        since: '2026-12-05T17:02:00.000Z',
      }),
    };
    expect(shownRows(snapshot, live).map(fieldOf)).toEqual(['global']);
  });
});

describe('labels', () => {
  it('names scopes and says since when', () => {
    expect(scopeLabel({ scope: 'global', key: null })).toBe('Global');
    expect(scopeLabel({ scope: 'strategy', key: 's1' })).toBe('Strategy s1');
    expect(scopeLabel({ scope: 'underlying', key: 'BTC' })).toBe('Underlying BTC');
    expect(sinceText('2026-12-05T17:00:00.000Z', Date.parse('2026-12-05T17:03:02.500Z'))).toBe(
      '17:00:00 UTC (3m 02s ago)',
    );
    expect(sinceText(null, 0)).toBeNull();
  });
});

describe('allRows', () => {
  it('lists the global state first, then every scope ever set, ACTIVE ones too, by scope', () => {
    const snapshot = {
      global: row({ state: 'ACTIVE' }),
      scopes: [
        row({ scope: 'underlying', key: 'ETH', state: 'ACTIVE', reason: 'resumed' }),
        row({ scope: 'strategy', key: 'grid_btc', state: 'REDUCING' }),
      ],
    };
    expect(allRows(snapshot, {}).map((r) => [fieldOf(r), r.state, r.reason])).toEqual([
      ['global', 'ACTIVE', 'incident'],
      ['strategy:grid_btc', 'REDUCING', 'incident'],
      ['underlying:ETH', 'ACTIVE', 'resumed'],
    ]);
  });
});
