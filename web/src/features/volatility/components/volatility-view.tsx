import { useSearchParams } from 'react-router';
import { useDeskConfig } from '@/lib/use-desk-config';
import { useVolatilityData } from '../hooks/use-volatility-data';
import { useVolatilitySubscription } from '../hooks/use-volatility-subscription';
import { ModelTableCard } from './model-table-card';
import { SmileChartCard } from './smile-chart-card';
import { TermStructureCard } from './term-structure-card';
import { VolHistoryCard } from './vol-history-card';
import './volatility.css';

/**
 * The Volatility page's content: an underlying selector (kept in the URL, `?underlying=ETH/USDT`) and, for the
 * chosen underlying, the smile against the forecast, the term structure, the forecaster's models and ATM IV
 * against forecast over time, live.
 */
export function VolatilityView() {
  useVolatilitySubscription();
  const { underlyings } = useDeskConfig();
  const [params, setParams] = useSearchParams();
  const asked = params.get('underlying');
  const underlying = asked !== null && underlyings.includes(asked) ? asked : (underlyings[0] ?? '');
  const data = useVolatilityData(underlying);
  return (
    <>
      <div className="vol-head">
        <h2>Volatility · {underlying || '…'}</h2>
        <label>
          Underlying
          <select
            value={underlying}
            onChange={(e) => setParams({ underlying: e.target.value })}
            disabled={underlyings.length === 0}
          >
            {underlyings.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        {data.loading && <span className="muted small">loading…</span>}
      </div>
      <div className="vol-grid">
        <SmileChartCard underlying={underlying} surface={data.surface} q={data.q} />
        <TermStructureCard underlying={underlying} surface={data.surface} forecasts={data.forecasts} />
        <ModelTableCard forecasts={data.forecasts} traderHorizon={data.traderHorizon} q={data.q} />
        <VolHistoryCard underlying={underlying} points={data.history} traderHorizon={data.traderHorizon} />
      </div>
    </>
  );
}
