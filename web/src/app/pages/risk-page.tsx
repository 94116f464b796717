import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { AlertBoardCard } from '@/features/risk/components/alert-board-card';
import { GreeksHistoryCard } from '@/features/risk/components/greeks-history-card';
import { TradingStatesCard } from '@/features/trading-state/components/trading-states-card';

/**
 * The Risk page (`/risk`): each underlying's Greeks over the last hour with their limits, the alert board
 * with acknowledgements, and every trading-state scope. A lazy chunk: its charts never reach the Desk's bundle.
 */
export function RiskPage() {
  return (
    <main className="page risk-page" aria-label="Risk">
      <CardErrorBoundary name="Greeks over time">
        <GreeksHistoryCard />
      </CardErrorBoundary>
      <div className="risk-side">
        <CardErrorBoundary name="Alerts">
          <AlertBoardCard />
        </CardErrorBoundary>
        <CardErrorBoundary name="Trading states">
          <TradingStatesCard />
        </CardErrorBoundary>
      </div>
    </main>
  );
}
