import type { AlertBoardRow } from '@gamma/shared';
import { Card } from '@/components/ui/card';
import { TimeText } from '@/components/time-text';
import { useCan } from '@/lib/permissions';
import { useAcknowledgeAlert, useAlertBoard } from '../api/use-alert-board';
import {
  alertTitle,
  repeatsText,
  statusText,
  statusTone,
  unacknowledged,
  valueText,
} from '../core/alert-rows';
import './risk-page.css';

/**
 * The risk alerts grouped by strategy, type and underlying (`risk.alertBoard`, refetched at each `onAlert`):
 * raised, repeats, last seen, cleared, and who acknowledged the current raise; Acknowledge for traders and up.
 */
export function AlertBoardCard() {
  const board = useAlertBoard();
  const rows = board.data ?? [];
  const open = unacknowledged(rows);
  return (
    <Card
      label="Alerts"
      title={open === 0 ? 'Alerts' : `Alerts · ${open} to acknowledge`}
      className="alert-board-card"
    >
      {rows.length === 0 ? (
        <p className="muted">{board.isPending ? 'fetching the alerts…' : 'no risk alerts'}</p>
      ) : (
        <div className="alert-board-scroll" tabIndex={0} role="region" aria-label="Alert list">
          <table className="alert-board">
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Status</th>
                <th scope="col">Raised · last seen</th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <AlertLine key={row.key} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function AlertLine({ row }: { row: AlertBoardRow }) {
  const title = alertTitle(row);
  const repeats = repeatsText(row.repeats);
  return (
    <tr aria-label={`alert ${title}`} className={`alert-${statusTone(row)}`}>
      <td>
        <span className="alert-title">{title}</span>
        <span className="muted small alert-message">{row.message}</span>
      </td>
      <td>
        <span className={`alert-status alert-status-${statusTone(row)}`}>{statusText(row)}</span>
        <span className="muted small">{valueText(row)}</span>
      </td>
      <td>
        <span>
          <TimeText at={row.first_raised_at} />
          {repeats !== null && <span className="muted small"> · {repeats}</span>}
        </span>
        <span className="muted small">
          last <TimeText at={row.last_seen_at} />
          {row.cleared_at !== null && (
            <>
              {' '}
              · cleared <TimeText at={row.cleared_at} />
            </>
          )}
        </span>
      </td>
      <td>
        <AckCell row={row} title={title} />
      </td>
    </tr>
  );
}

function AckCell({ row, title }: { row: AlertBoardRow; title: string }) {
  const canAck = useCan('acknowledgeAlerts');
  const acknowledge = useAcknowledgeAlert();
  if (row.ack !== null)
    return (
      <span>
        acknowledged by {row.ack.by} at <TimeText at={row.ack.at} />
      </span>
    );
  if (!canAck) return <span className="muted">not acknowledged</span>;
  return (
    <button
      type="button"
      aria-label={`Acknowledge ${title}`}
      disabled={acknowledge.isPending}
      onClick={() => acknowledge.mutate({ key: row.key, raise_id: row.raise_id })}
    >
      Acknowledge
    </button>
  );
}
