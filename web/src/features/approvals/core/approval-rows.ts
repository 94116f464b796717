import type { DecisionStatus } from '@gamma/shared';
import { isExpired } from './countdown';

/** What the approval logic needs of a pending-approval row. */
export interface ApprovalRowLike {
  intent: { intent_id: string };
  expires_at: string | null;
}

/** How a row shows: open (can be decided) or expired. */
export type ApprovalRowState = 'open' | 'expired';

/** Decided intents whose rows leave the list at once (the refetch confirms it). */
const HIDDEN: ReadonlySet<DecisionStatus> = new Set([
  'approved',
  'vetoed',
  'rejected_on_recheck',
  'execution_rejected',
]);

/** Most expired rows kept on screen after the server dropped them. */
export const MAX_RETAINED_EXPIRED = 20;

/** Whether a row is expired, by the clock or by the engine's `expired` decision. */
export function rowState(
  row: ApprovalRowLike,
  resolved: Readonly<Record<string, DecisionStatus>>,
  nowMs: number,
): ApprovalRowState {
  if (resolved[row.intent.intent_id] === 'expired') return 'expired';
  return isExpired(row.expires_at, nowMs) ? 'expired' : 'open';
}

/**
 * The rows to show: the fresh pending list, minus intents already decided (approved, vetoed, …), plus rows
 * shown before that have expired since (kept so a trader sees them turn "expired", until dismissed).
 */
export function nextShownRows<TRow extends ApprovalRowLike>(
  shown: readonly TRow[],
  fresh: readonly TRow[],
  ctx: { resolved: Readonly<Record<string, DecisionStatus>>; dismissed: ReadonlySet<string>; nowMs: number },
): TRow[] {
  const isHidden = (row: TRow): boolean => {
    const status = ctx.resolved[row.intent.intent_id];
    return (status !== undefined && HIDDEN.has(status)) || ctx.dismissed.has(row.intent.intent_id);
  };
  const freshIds = new Set(fresh.map((row) => row.intent.intent_id));
  const retained = shown
    .filter((row) => !freshIds.has(row.intent.intent_id))
    .filter((row) => rowState(row, ctx.resolved, ctx.nowMs) === 'expired')
    .slice(-MAX_RETAINED_EXPIRED);
  return [...fresh, ...retained].filter((row) => !isHidden(row));
}
