import { lazy, Suspense } from 'react';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { Card } from '@/components/ui/card';
import { IntentFeedCard } from '@/features/intents/components/intent-feed-card';
import { LatestIntentCard } from '@/features/intents/components/latest-intent-card';
import { FomoCard } from '@/features/macro/components/fomo-card';
import { MacroRegimeCard } from '@/features/macro/components/macro-regime-card';
import { GreeksCard } from '@/features/risk/components/greeks-card';
import type { DeskSelection } from './desk-detail';

// The chart library loads on demand, never in the initial JavaScript (npm run check:bundle fails if it does)
const RegimeChartCard = lazy(() =>
  import('@/features/macro/components/regime-chart-card').then((m) => ({ default: m.RegimeChartCard })),
);

/**
 * The Desk's panels around the queue, in a chunk of their own that loads right after the console (the queue
 * comes first; the initial JavaScript stays under its budget): beside it, macro regime and FOMO, the Greeks,
 * the latest intents (a click explains one below the queue).
 */
export function DeskSide(props: {
  filter: string;
  selection: DeskSelection;
  onSelect: (selection: DeskSelection) => void;
}) {
  return (
    <div className="desk-side">
      <CardErrorBoundary name="Macro regime">
        <MacroRegimeCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="FOMO">
        <FomoCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="Greeks">
        <GreeksCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="Intent feed">
        <IntentFeedCard
          filter={props.filter}
          selectedId={props.selection?.kind === 'intent' ? props.selection.id : null}
          onSelect={(id) => props.onSelect(id === null ? null : { kind: 'intent', id })}
        />
      </CardErrorBoundary>
    </div>
  );
}

/** Under the queue while nothing is selected: the latest intent and the regime chart. */
export function DeskIdle() {
  return (
    <div className="desk-idle">
      <CardErrorBoundary name="Latest intent">
        <LatestIntentCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="Regime chart">
        <Suspense
          fallback={
            <Card label="Regime chart" className="chart-card">
              <p className="muted">loading the chart…</p>
            </Card>
          }
        >
          <RegimeChartCard />
        </Suspense>
      </CardErrorBoundary>
    </div>
  );
}
