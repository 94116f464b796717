import type { VolatilityForecastEvent } from '@gamma/shared';
import { TimeText } from '@/components/time-text';
import { Card } from '@/components/ui/card';
import { modelRowsOf } from '../core/model-table';
import { pct } from './chart-frame';

const score = (x: number | null): string => (x === null ? 'not scored' : x.toFixed(3));
const num = (x: unknown): number | null => (typeof x === 'number' ? x : null);

/** The forecaster's candidate models, their out-of-sample scores and forecasts, the chosen one marked. */
export function ModelTableCard(props: {
  forecasts: readonly VolatilityForecastEvent[];
  traderHorizon: string;
  q: VolatilityForecastEvent | null;
}) {
  const rows = modelRowsOf(props.forecasts, props.traderHorizon);
  const horizons = props.forecasts.map((f) => f.forecast_horizon);
  const q = props.q;
  return (
    <Card label="Forecast models" className="vol-card">
      {rows.length === 0 ? (
        <p className="muted">no forecast yet</p>
      ) : (
        <>
          <div className="vol-table-wrap" tabIndex={0} role="region" aria-label="Candidate models">
            <table className="vol-models">
              <caption className="small muted">QLIKE loss out of sample: lower is better</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Score</th>
                  {horizons.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.model} className={r.chosen ? 'chosen' : undefined}>
                    <th scope="row">
                      {r.model}
                      {r.chosen && <span className="badge vol-chosen">chosen</span>}
                    </th>
                    <td>{score(r.score)}</td>
                    {horizons.map((h) => (
                      <td key={h}>{pct(r.vols[h])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {q && (
            <p className="small muted vol-forecast-line">
              Q {q.forecast_horizon} {pct(q.predicted_volatility)} · confidence {q.confidence.toFixed(2)} ·
              realized {pct(num(q.metadata.realized_vol))} · at <TimeText at={q.timestamp} />
            </p>
          )}
        </>
      )}
    </Card>
  );
}
