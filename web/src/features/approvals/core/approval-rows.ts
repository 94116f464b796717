import type { DecisionStatus } from '@gamma/shared';
import { isAfterEntry } from '@/lib/entry-cursor';
import { isExpired } from './countdown';

/** What the approval logic needs of a pending-approval row. */
export interface ApprovalRowLike {
  intent: { intent_id: string };
  expires_at: string | null;
  /** The intent's entry id on `strategy.intent`; null in records opened without one */
  entry_id?: string | null;
  created_at?: string;
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

const timeMs = (iso: string | null | undefined): number => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : Infinity;
};

const entryOrder = (a: string | null | undefined, b: string | null | undefined): number =>
  !a || !b ? 0 : isAfterEntry(a, b) ? 1 : isAfterEntry(b, a) ? -1 : 0;

/**
 * Oldest expiry first; ties (the engine decides a batch of intents in one millisecond, so they expire in the
 * same one) in the order the intents arrived: by entry id on `strategy.intent`, else by when the record was
 * opened, else as listed.
 */
export function byExpiry<TRow extends ApprovalRowLike>(rows: readonly TRow[]): TRow[] {
  return [...rows].sort(
    (a, b) =>
      timeMs(a.expires_at) - timeMs(b.expires_at) ||
      entryOrder(a.entry_id, b.entry_id) ||
      // Two unreadable times give NaN: a tie
      timeMs(a.created_at) - timeMs(b.created_at) ||
      0,
  );
}

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
 * The rows to show: the fresh pending list ({@link byExpiry}), minus intents already decided (approved,
 * vetoed, …), plus rows shown before that have expired since (kept so a trader sees them turn "expired",
 * until dismissed).
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
  return [...byExpiry(fresh), ...retained].filter((row) => !isHidden(row));
}
