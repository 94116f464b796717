import { lazy, type Ref, Suspense } from 'react';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { Card } from '@/components/ui/card';
import type { QueueRow } from '@/features/approvals/hooks/use-approval-queue';
import { LatestIntentCard } from '@/features/intents/components/latest-intent-card';

/** What the Desk has selected: a pending intent of the queue, or an intent of the feed. */
export type DeskSelection = { kind: 'approval' | 'intent'; id: string } | null;

// The chart library loads on demand, never in the initial JavaScript (npm run check:bundle fails if it does)
const RegimeChartCard = lazy(() =>
  import('@/features/macro/components/regime-chart-card').then((m) => ({ default: m.RegimeChartCard })),
);
// The detail of a selection loads on the first one: the initial JavaScript stays under its budget
const DeskSelected = lazy(() => import('./desk-selected'));

function LazyRegimeChartCard() {
  return (
    <Suspense
      fallback={
        <Card label="Regime chart" className="chart-card">
          <p className="muted">loading the chart…</p>
        </Card>
      }
    >
      <RegimeChartCard />
    </Suspense>
  );
}

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
    <div className="desk-idle">
      <CardErrorBoundary name="Latest intent">
        <LatestIntentCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="Regime chart">
        <LazyRegimeChartCard />
      </CardErrorBoundary>
    </div>
  );
}
