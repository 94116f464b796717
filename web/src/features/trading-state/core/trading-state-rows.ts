import type { TradingScope, TradingState, TradingStateEvent } from '@gamma/shared';
import { clockTime, duration } from '@/lib/format';

/** One scope as the bar shows it; who, why and since are null for a scope never changed. */
export interface ScopeRow {
  scope: TradingScope;
  key: string | null;
  state: TradingState;
  reason: string | null;
  changed_by: string | null;
  since: string | null;
}

/** What `risk.tradingState` returns. */
export interface TradingStatesSnapshot {
  global: ScopeRow;
  scopes: readonly ScopeRow[];
}

/** The store's key of a scope: `global`, `strategy:<id>`, `underlying:<coin>`. */
export const fieldOf = (row: { scope: TradingScope; key: string | null }): string =>
  row.scope === 'global' ? 'global' : `${row.scope}:${row.key ?? ''}`;

/** A change from `onTradingState` as a row. */
export const rowOfEvent = (e: TradingStateEvent): ScopeRow => ({
  scope: e.scope,
  key: e.key,
  state: e.state,
  reason: e.reason,
  changed_by: e.changed_by,
  since: e.timestamp,
});

const NEVER_SET: ScopeRow = {
  scope: 'global',
  key: null,
  state: 'ACTIVE',
  reason: null,
  changed_by: null,
  since: null,
};

const sinceMs = (row: ScopeRow): number => (row.since === null ? -Infinity : Date.parse(row.since));

/** The newer of the query's snapshot and the live changes per scope: the global row first, then by scope. */
export function allRows(
  snapshot: TradingStatesSnapshot | undefined,
  live: Readonly<Record<string, ScopeRow>>,
): ScopeRow[] {
  const byField = new Map<string, ScopeRow>();
  for (const row of snapshot ? [snapshot.global, ...snapshot.scopes] : []) byField.set(fieldOf(row), row);
  for (const [field, row] of Object.entries(live)) {
    const known = byField.get(field);
    if (known === undefined || sinceMs(row) >= sinceMs(known)) byField.set(field, row);
  }
  const others = [...byField.entries()]
    .filter(([field]) => field !== 'global')
    .map(([, row]) => row)
    .sort((a, b) => fieldOf(a).localeCompare(fieldOf(b)));
  return [byField.get('global') ?? NEVER_SET, ...others];
}

/**
 * The rows the bar shows: the global state always (ACTIVE until someone sets it), then every strategy and
 * underlying scope that is not ACTIVE. Per scope the newer of the query's snapshot and the live changes wins.
 */
export function shownRows(
  snapshot: TradingStatesSnapshot | undefined,
  live: Readonly<Record<string, ScopeRow>>,
): ScopeRow[] {
  const [global, ...others] = allRows(snapshot, live);
  return [global ?? NEVER_SET, ...others.filter((row) => row.state !== 'ACTIVE')];
}

/** `Global`, `Strategy pq_vol_trader_btc`, `Underlying BTC`. */
export const scopeLabel = (row: { scope: TradingScope; key: string | null }): string =>
  row.scope === 'global'
    ? 'Global'
    : `${row.scope === 'strategy' ? 'Strategy' : 'Underlying'} ${row.key ?? ''}`;

/** `17:05:12 UTC (3m 02s ago)`, or null for a scope never changed. */
export function sinceText(since: string | null, nowMs: number): string | null {
  if (since === null) return null;
  return `${clockTime(since)} UTC (${duration(nowMs - Date.parse(since))} ago)`;
}

/** The control's words for each target state. */
export const ACTION_WORDS: Readonly<Record<TradingState, { button: string; submit: string }>> = {
  HALTED: { button: 'Halt', submit: 'Halt trading' },
  REDUCING: { button: 'Reduce', submit: 'Set reducing' },
  ACTIVE: { button: 'Resume', submit: 'Resume trading' },
};
