import type { DecisionStatus } from '@gamma/shared';
import { useState } from 'react';
import { type ApprovalRowLike, nextShownRows } from '../core/approval-rows';

/** Keeps the rows on screen: recomputed when the pending list, the decisions or the dismissals change. */
export function useShownRows<TRow extends ApprovalRowLike>(
  fresh: readonly TRow[] | undefined,
  ctx: { resolved: Readonly<Record<string, DecisionStatus>>; dismissed: ReadonlySet<string>; nowMs: number },
): TRow[] {
  const [memo, setMemo] = useState<{
    fresh: readonly TRow[] | undefined;
    resolved: Readonly<Record<string, DecisionStatus>>;
    dismissed: ReadonlySet<string>;
    rows: TRow[];
  }>({ fresh: undefined, resolved: {}, dismissed: new Set(), rows: [] });
  if (memo.fresh !== fresh || memo.resolved !== ctx.resolved || memo.dismissed !== ctx.dismissed) {
    // Adjusting state while rendering (React's pattern for "state from changed props").
    const rows = nextShownRows(memo.rows, fresh ?? [], ctx);
    setMemo({ fresh, resolved: ctx.resolved, dismissed: ctx.dismissed, rows });
    return rows;
  }
  return memo.rows;
}
