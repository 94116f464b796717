import { Card } from '@/components/ui/card';
import { useDeskConfig } from '@/lib/use-desk-config';
import { usePortfolioRisk } from '../api/use-portfolio-risk';
import { greeksRows } from '../core/greeks-rows';
import { useRiskStore } from '../stores/risk-store';
import { GreeksBlock } from './greeks-block';

/** Portfolio Greeks per underlying, live from `onPortfolioRisk`. */
export function GreeksCard() {
  const snapshot = usePortfolioRisk();
  const live = useRiskStore((s) => s.byUnderlying);
  const rows = greeksRows(snapshot.data, live);
  const config = useDeskConfig();
  const threshold = config.deltaThresholdOf('BTC/USDT');
  return (
    <Card label="Greeks" className="greeks-card">
      {rows.length === 0 && (
        <p className="muted">{snapshot.isPending ? 'loading…' : 'no portfolio risk yet'}</p>
      )}
      <div className="greeks-grid">
        {rows.map((event) => (
          <GreeksBlock
            key={event.underlying ?? ''}
            event={event}
            threshold={config.deltaThresholdOf(event.underlying ?? '')}
            hedgeInstrument={config.hedgeInstrumentOf(event.underlying ?? 'BTC/USDT')}
            {...(event.underlying === null ? {} : { limits: config.greekLimitsOf(event.underlying) })}
          />
        ))}
      </div>
      <p className="muted small">
        Δ threshold {threshold} coins (the hedger&apos;s, per underlying): green below, amber below 2×, red
        beyond. Bars: share of the engine&apos;s Greek limit (amber from 80 %, red beyond)
      </p>
    </Card>
  );
}
