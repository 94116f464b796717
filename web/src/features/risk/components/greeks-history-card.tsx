import { Card } from '@/components/ui/card';
import { useDeskConfig } from '@/lib/use-desk-config';
import { useGreeksHistory } from '../api/use-greeks-history';
import { greekChart, mergedPoints } from '../core/greek-charts';
import type { LimitedGreek } from '../core/greek-limits';
import { LIVE_GREEKS, useRiskStore } from '../stores/risk-store';
import { GreekChart } from './greek-chart';
import './risk-page.css';

const GREEKS: readonly LimitedGreek[] = ['delta', 'gamma', 'vega', 'theta'];

const sortUnderlyings = (list: Iterable<string>): string[] =>
  [...new Set(list)].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));

/**
 * Δ, Γ, vega and θ of each underlying over the last hour (`risk.greeksHistory`, extended live from
 * `onPortfolioRisk`), each with the engine's limit and, for Δ, the risk service's alert level drawn.
 */
export function GreeksHistoryCard() {
  const history = useGreeksHistory();
  const live = useRiskStore((s) => s.points);
  const config = useDeskConfig();
  const served = new Map(history.data?.series.map((s) => [s.underlying, s.points]) ?? []);
  const underlyings = sortUnderlyings([...config.underlyings, ...served.keys(), ...Object.keys(live)]);
  return (
    <Card label="Greeks over time" className="greeks-history-card">
      {history.isPending && <p className="muted">fetching the Greeks history…</p>}
      {underlyings.map((underlying) => {
        const points = mergedPoints(served.get(underlying) ?? [], live[underlying] ?? [], LIVE_GREEKS);
        const name = underlying === '' ? 'whole book' : underlying;
        const limits = {
          limits: config.greekLimitsOf(underlying),
          deltaAlert: underlying === '' ? null : 2 * config.deltaThresholdOf(underlying),
        };
        return (
          <section key={underlying} aria-label={`Greeks of ${name}`} className="greeks-history-row">
            <h3>{name}</h3>
            <div className="greek-charts">
              {GREEKS.map((greek) => (
                <GreekChart key={greek} chart={greekChart({ underlying: name, points, greek }, limits)} />
              ))}
            </div>
          </section>
        );
      })}
    </Card>
  );
}
