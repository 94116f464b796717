import { Card } from '@/components/ui/card';
import type { ApprovalQueueState } from '../hooks/use-approval-queue';
import { QUEUE_COLUMNS, QueueRow, type QueueRowHandlers } from './queue-row';

export interface ApprovalQueueProps extends Omit<QueueRowHandlers, 'onApprove' | 'onVeto' | 'onDismiss'> {
  queue: ApprovalQueueState;
  selectedId: string | null;
  vetoingId: string | null;
}

/**
 * The approval queue as a blotter: one line per pending intent, oldest expiry first (strategy, action, size,
 * underlying, notional, Δ and vega after the trade, the failing or closest check, the countdown), Approve and
 * Veto for traders and above; a click selects a row for the detail pane.
 */
export function ApprovalQueue({ queue, selectedId, vetoingId, ...handlers }: ApprovalQueueProps) {
  const hidden = queue.total - queue.rows.length;
  return (
    <Card label="Pending approvals" title={`Pending approvals · ${queue.total}`} className="queue-card">
      <div className="queue-scroll">
        <table className="blotter">
          <thead>
            <tr>
              {QUEUE_COLUMNS.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {queue.rows.map((row) => (
              <QueueRow
                key={row.id}
                row={row}
                nowMs={queue.nowMs}
                selected={row.id === selectedId}
                vetoing={row.id === vetoingId}
                canDecide={queue.canDecide}
                onApprove={queue.approve}
                onVeto={(id, reason) => {
                  queue.veto(id, reason);
                  handlers.onVetoClose();
                }}
                onDismiss={queue.dismiss}
                {...handlers}
              />
            ))}
          </tbody>
        </table>
        {queue.loading && <p className="muted">loading…</p>}
        {!queue.loading && queue.total === 0 && <p className="muted">no intents waiting for approval</p>}
        {hidden > 0 && (
          <p className="muted">
            {hidden} of {queue.total} hidden by the filter
          </p>
        )}
      </div>
    </Card>
  );
}
