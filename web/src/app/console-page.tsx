import type { ReactNode } from 'react';
import { ConnectionIndicator } from '@/components/connection-indicator';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { PendingApprovalsCard } from '@/features/approvals/components/pending-approvals-card';
import { UserMenu } from '@/features/auth/components/user-menu';
import { IntentFeedCard } from '@/features/intents/components/intent-feed-card';
import { LatestIntentCard } from '@/features/intents/components/latest-intent-card';
import { ApprovalLevelBadge } from '@/features/macro/components/approval-level-badge';
import { FomoCard } from '@/features/macro/components/fomo-card';
import { MacroRegimeCard } from '@/features/macro/components/macro-regime-card';
import { RegimeChartCard } from '@/features/macro/components/regime-chart-card';
import { PipelineCard } from '@/features/pipeline/components/pipeline-card';
import { GreeksCard } from '@/features/risk/components/greeks-card';
import { TradingStateBar } from '@/features/trading-state/components/trading-state-bar';
import { LiveSubscriptions } from './live-subscriptions';

const CARDS: readonly [string, string, () => ReactNode][] = [
  ['Latest intent', 'area-latest', () => <LatestIntentCard />],
  ['Macro regime', 'area-macro', () => <MacroRegimeCard />],
  ['FOMO', 'area-fomo', () => <FomoCard />],
  ['Greeks', 'area-greeks', () => <GreeksCard />],
  ['Pending approvals', 'area-approvals', () => <PendingApprovalsCard />],
  ['Intent feed', 'area-feed', () => <IntentFeedCard />],
  ['Regime chart', 'area-chart', () => <RegimeChartCard />],
  ['Pipeline', 'area-pipeline', () => <PipelineCard />],
];

/**
 * The signed-in console: header with the approval level, the connection indicator and the user with
 * Logout, the trading-state bar, then a grid of cards.
 */
export function ConsolePage({ onLoggedOut }: { onLoggedOut: () => void }) {
  return (
    <>
      <LiveSubscriptions />
      <header className="top">
        <h1>Gamma</h1>
        <span className="subtitle">options desk console</span>
        <ApprovalLevelBadge />
        <ConnectionIndicator />
        <UserMenu onLoggedOut={onLoggedOut} />
      </header>
      <CardErrorBoundary name="Trading state">
        <TradingStateBar />
      </CardErrorBoundary>
      <main className="grid">
        {CARDS.map(([name, area, render]) => (
          <div key={name} className={`cell ${area}`}>
            <CardErrorBoundary name={name}>{render()}</CardErrorBoundary>
          </div>
        ))}
      </main>
    </>
  );
}
