import { useState } from 'react';
import { actionLabel } from '@/lib/labels';
import { useCan } from '@/lib/permissions';
import { matchesFilter } from '@/lib/text-filter';
import { useNow } from '@/lib/use-now';
import { useSessionStore } from '@/stores/session-store';
import { useDecideApproval } from '../api/use-decide-approval';
import { type PendingApproval, usePendingApprovals } from '../api/use-pending-approvals';
import { type ApprovalRowState, rowState } from '../core/approval-rows';
import { decideRefusal } from '../core/decide-refusal';
import { type FourEyesView, fourEyesView } from '../core/four-eyes';
import { useApprovalsStore } from '../stores/approvals-store';
import { useShownRows } from './use-shown-rows';

/** A row of the approval queue as the Desk shows it. */
export interface QueueRow {
  approval: PendingApproval;
  id: string;
  state: ApprovalRowState;
  fourEyes: FourEyesView | null;
  /** A decision of this row is on its way */
  busy: boolean;
}

/** The texts the Desk's filter searches in a row. */
const textsOf = (a: PendingApproval): string[] => [
  a.intent.intent_id,
  a.intent.strategy_id,
  a.intent.action,
  actionLabel(a.intent.action),
  a.intent.symbol,
  a.intent.direction ?? '',
];

/**
 * The approval queue of the Desk: the pending intents (expired ones kept until dismissed) matching `filter`,
 * oldest expiry first, with what the signed-in user may do to each; approve, veto and dismiss.
 */
export function useApprovalQueue(filter: string) {
  const pending = usePendingApprovals();
  const canDecide = useCan('decideApprovals');
  const user = useSessionStore((s) => s.user);
  const me = user?.username ?? null;
  const { approve, veto } = useDecideApproval();
  const resolved = useApprovalsStore((s) => s.resolved);
  const nowMs = useNow(1000);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const shown = useShownRows(pending.data, { resolved, dismissed, nowMs });
  const busyId = approve.isPending
    ? approve.variables?.intent_id
    : veto.isPending
      ? veto.variables?.intent_id
      : undefined;
  const rows: QueueRow[] = shown
    .filter((a) => matchesFilter(textsOf(a), filter))
    .map((a) => ({
      approval: a,
      id: a.intent.intent_id,
      state: rowState(a, resolved, nowMs),
      fourEyes: fourEyesView(a, me),
      busy: busyId === a.intent.intent_id,
    }));
  return {
    rows,
    /** Rows before the filter */
    total: shown.length,
    loading: pending.isPending,
    nowMs,
    canDecide,
    /** Why the user cannot approve / veto the row now (null: they can) */
    refusal: (row: QueueRow, command: 'approve' | 'veto') =>
      decideRefusal({ canDecide, role: user?.role ?? null, ...row }, command),
    approve: (id: string) => approve.mutate({ intent_id: id }),
    veto: (id: string, reason: string) => veto.mutate({ intent_id: id, reason }),
    dismiss: (id: string) => setDismissed((d) => new Set([...d, id])),
  };
}

/** What {@link useApprovalQueue} returns. */
export type ApprovalQueueState = ReturnType<typeof useApprovalQueue>;
