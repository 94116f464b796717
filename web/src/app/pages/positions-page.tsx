import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { PositionsView } from '@/features/positions/components/positions-view';

/** The Positions and PnL page (issue 11): positions per instrument, totals, equity and drawdown. */
export function PositionsPage() {
  return (
    <main className="page" aria-label="Positions and PnL">
      <CardErrorBoundary name="Positions">
        <PositionsView />
      </CardErrorBoundary>
    </main>
  );
}
