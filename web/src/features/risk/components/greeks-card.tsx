import { Card } from '@/components/ui/card';
import { env } from '@/config/env';
import { usePortfolioRisk } from '../api/use-portfolio-risk';
import { greeksRows } from '../core/greeks-rows';
import { useRiskStore } from '../stores/risk-store';
import { GreeksBlock } from './greeks-block';

/** Portfolio Greeks per underlying, live from `onPortfolioRisk`. */
export function GreeksCard() {
  const snapshot = usePortfolioRisk();
  const live = useRiskStore((s) => s.byUnderlying);
  const rows = greeksRows(snapshot.data, live);
  const threshold = env.VITE_DELTA_THRESHOLD;
  return (
    <Card label="Greeks" className="greeks-card">
      {rows.length === 0 && (
        <p className="muted">{snapshot.isPending ? 'loading…' : 'no portfolio risk yet'}</p>
      )}
      <div className="greeks-grid">
        {rows.map((event) => (
          <GreeksBlock key={event.underlying ?? ''} event={event} threshold={threshold} />
        ))}
      </div>
      <p className="muted small">Δ threshold {threshold} coins: green below, amber below 2×, red beyond</p>
    </Card>
  );
}
