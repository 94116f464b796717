import { lazy, type ReactNode, Suspense } from 'react';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { Card } from '@/components/ui/card';
import { PendingApprovalsCard } from '@/features/approvals/components/pending-approvals-card';
import { IntentFeedCard } from '@/features/intents/components/intent-feed-card';
import { LatestIntentCard } from '@/features/intents/components/latest-intent-card';
import { FomoCard } from '@/features/macro/components/fomo-card';
import { MacroRegimeCard } from '@/features/macro/components/macro-regime-card';
import { PipelineCard } from '@/features/pipeline/components/pipeline-card';
import { GreeksCard } from '@/features/risk/components/greeks-card';

// The chart library loads on demand, never in the initial JavaScript (npm run check:bundle fails if it does)
const RegimeChartCard = lazy(() =>
  import('@/features/macro/components/regime-chart-card').then((m) => ({ default: m.RegimeChartCard })),
);

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

const CARDS: readonly [string, string, () => ReactNode][] = [
  ['Latest intent', 'area-latest', () => <LatestIntentCard />],
  ['Macro regime', 'area-macro', () => <MacroRegimeCard />],
  ['FOMO', 'area-fomo', () => <FomoCard />],
  ['Greeks', 'area-greeks', () => <GreeksCard />],
  ['Pending approvals', 'area-approvals', () => <PendingApprovalsCard />],
  ['Intent feed', 'area-feed', () => <IntentFeedCard />],
  ['Regime chart', 'area-chart', () => <LazyRegimeChartCard />],
  ['Pipeline', 'area-pipeline', () => <PipelineCard />],
];

/** The Desk (home, `/`): a grid of cards, each behind its own error boundary. */
export function DeskPage() {
  return (
    <main className="grid">
      {CARDS.map(([name, area, render]) => (
        <div key={name} className={`cell ${area}`}>
          <CardErrorBoundary name={name}>{render()}</CardErrorBoundary>
        </div>
      ))}
    </main>
  );
}
