import { VolatilityView } from '@/features/volatility/components/volatility-view';

/** The Volatility page (issue 11 item 4): smile against forecast, term structure, models and history. */
export function VolatilityPage() {
  return (
    <main className="page" aria-label="Volatility">
      <VolatilityView />
    </main>
  );
}
