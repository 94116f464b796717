import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { useCan } from '@/lib/permissions';
import { useNow } from '@/lib/use-now';
import { useSessionStore } from '@/stores/session-store';
import { useDecideApproval } from '../api/use-decide-approval';
import { usePendingApprovals } from '../api/use-pending-approvals';
import { rowState } from '../core/approval-rows';
import { useApprovalsStore } from '../stores/approvals-store';
import { ApprovalRow } from './approval-row';
import { useShownRows } from '../hooks/use-shown-rows';

/**
 * Pending approvals: Approve, or Veto with a reason, before each intent's countdown runs out (traders and
 * above; a viewer sees the queue only). A four-eyes intent needs two distinct traders.
 */
export function PendingApprovalsCard() {
  const pending = usePendingApprovals();
  const canDecide = useCan('decideApprovals');
  const me = useSessionStore((s) => s.user?.username ?? null);
  const { approve, veto } = useDecideApproval();
  const resolved = useApprovalsStore((s) => s.resolved);
  const nowMs = useNow(1000);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useShownRows(pending.data, { resolved, dismissed, nowMs });
  const busyId = approve.isPending
    ? approve.variables?.intent_id
    : veto.isPending
      ? veto.variables?.intent_id
      : undefined;
  return (
    <Card label="Pending approvals" className="approvals-card">
      {pending.isPending && <p className="muted">loading…</p>}
      {!pending.isPending && rows.length === 0 && <p className="muted">no intents waiting for approval</p>}
      <ul className="approvals">
        {rows.map((row) => (
          <ApprovalRow
            key={row.intent.intent_id}
            row={row}
            state={rowState(row, resolved, nowMs)}
            nowMs={nowMs}
            busy={busyId === row.intent.intent_id}
            canDecide={canDecide}
            me={me}
            onApprove={(intentId) => approve.mutate({ intent_id: intentId })}
            onVeto={(intentId, reason) => veto.mutate({ intent_id: intentId, reason })}
            onDismiss={(intentId) => setDismissed((d) => new Set([...d, intentId]))}
          />
        ))}
      </ul>
    </Card>
  );
}
