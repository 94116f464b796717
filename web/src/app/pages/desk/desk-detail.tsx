import { lazy, type Ref, Suspense } from 'react';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import type { QueueRow } from '@/features/approvals/hooks/use-approval-queue';

/** What the Desk has selected: a pending intent of the queue, or an intent of the feed. */
export type DeskSelection = { kind: 'approval' | 'intent'; id: string } | null;

// The detail of a selection loads on the first one, the idle panels right after the console: the initial
// JavaScript stays under its budget
const DeskSelected = lazy(() => import('./desk-selected'));
const DeskIdle = lazy(() => import('./desk-panels').then((m) => ({ default: m.DeskIdle })));

/**
 * The pane under the queue: the selected pending intent (checks, what-if, P/Q reasoning, explain), or the
 * explain of the intent selected in the feed; with nothing selected, the latest intent and the regime chart.
 */
export function DeskDetail({
  selection,
  row,
  nowMs,
  explainRef,
  onClose,
}: {
  selection: DeskSelection;
  /** The selected queue row, while it is in the queue */
  row: QueueRow | null;
  nowMs: number;
  explainRef: Ref<HTMLDivElement>;
  onClose: () => void;
}) {
  const shown = selection?.kind === 'intent' || (selection?.kind === 'approval' && row !== null);
  if (selection !== null && shown)
    return (
      <CardErrorBoundary name="Detail">
        <Suspense fallback={<p className="desk-detail muted">loading the detail…</p>}>
          <DeskSelected
            row={selection.kind === 'approval' ? row : null}
            intentId={selection.id}
            nowMs={nowMs}
            explainRef={explainRef}
            onClose={onClose}
          />
        </Suspense>
      </CardErrorBoundary>
    );
  return (
    <Suspense fallback={<div className="desk-idle" />}>
      <DeskIdle />
    </Suspense>
  );
}
