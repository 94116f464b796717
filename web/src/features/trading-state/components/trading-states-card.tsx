import { Card } from '@/components/ui/card';
import { TimeText } from '@/components/time-text';
import { useTradingStates } from '../api/use-trading-states';
import { allRows, fieldOf, scopeLabel } from '../core/trading-state-rows';
import { useTradingStateStore } from '../stores/trading-state-store';
import './trading-states-card.css';

/**
 * Every trading-state scope ever set (the global one always), live: its state, who set it, why and since when.
 * The bar at the top shows only the global state and the scopes not ACTIVE, and holds the controls.
 */
export function TradingStatesCard() {
  const snapshot = useTradingStates();
  const live = useTradingStateStore((s) => s.byField);
  const rows = allRows(snapshot.data, live);
  return (
    <Card label="Trading states" className="trading-states-card">
      <table className="trading-states">
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">State</th>
            <th scope="col">Set by</th>
            <th scope="col">Why</th>
            <th scope="col">Since</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={fieldOf(row)} aria-label={`trading state of ${scopeLabel(row)}`}>
              <th scope="row">{scopeLabel(row)}</th>
              <td className={`ts-cell ts-cell-${row.state.toLowerCase()}`}>{row.state}</td>
              <td>{row.changed_by ?? <span className="muted">never set</span>}</td>
              <td>{row.reason ?? <span className="muted">—</span>}</td>
              <td>
                {row.since === null ? (
                  <span className="muted">—</span>
                ) : (
                  <TimeText at={row.since} style="datetime" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
