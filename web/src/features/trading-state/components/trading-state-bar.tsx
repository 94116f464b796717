import type { TradingState } from '@gamma/shared';
import { useState } from 'react';
import { useCan } from '@/lib/permissions';
import { useNow } from '@/lib/use-now';
import { useTradingStates } from '../api/use-trading-states';
import { ACTION_WORDS, scopeLabel, shownRows, sinceText, type ScopeRow } from '../core/trading-state-rows';
import { useTradingStateStore } from '../stores/trading-state-store';
import { TradingStateForm } from './trading-state-form';

const ACTIONS: readonly [TradingState, string][] = [
  ['HALTED', 'danger'],
  ['REDUCING', 'warn'],
  ['ACTIVE', 'ok'],
];

/**
 * The trading-state bar at the top of the console: the global state and every strategy or underlying that
 * is not ACTIVE, each with who set it, why and since when, live; Halt / Reduce / Resume open a form (a
 * reason is required, halting asks to confirm), for risk managers and above only.
 */
export function TradingStateBar() {
  const snapshot = useTradingStates();
  const live = useTradingStateStore((s) => s.byField);
  const nowMs = useNow();
  const [target, setTarget] = useState<TradingState | null>(null);
  const canSet = useCan('setTradingState');
  const rows = shownRows(snapshot.data, live);
  return (
    <section aria-label="Trading state" className="trading-state-bar">
      <ul className="ts-rows">
        {rows.map((row) => (
          <ScopeLine key={`${row.scope}:${row.key ?? ''}`} row={row} nowMs={nowMs} />
        ))}
      </ul>
      {canSet && (
        <div className="ts-controls">
          {ACTIONS.map(([state, tone]) => (
            <button
              key={state}
              type="button"
              className={tone}
              aria-pressed={target === state}
              onClick={() => setTarget((t) => (t === state ? null : state))}
            >
              {ACTION_WORDS[state].button}
            </button>
          ))}
        </div>
      )}
      {canSet && target !== null && (
        <TradingStateForm key={target} target={target} onClose={() => setTarget(null)} />
      )}
    </section>
  );
}

function ScopeLine({ row, nowMs }: { row: ScopeRow; nowMs: number }) {
  const label = scopeLabel(row);
  const since = sinceText(row.since, nowMs);
  return (
    <li aria-label={`trading state ${label}`} className={`ts-row ts-${row.state.toLowerCase()}`}>
      <span className="ts-scope">{label}</span>
      <span className="ts-state">{row.state}</span>
      {row.changed_by !== null && <span className="ts-who">by {row.changed_by}</span>}
      {row.reason !== null && <span className="ts-why">{row.reason}</span>}
      {since !== null && <span className="ts-since">since {since}</span>}
    </li>
  );
}
