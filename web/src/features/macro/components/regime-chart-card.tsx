import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '@/components/ui/card';
import { useMacroHistory } from '../api/use-macro';
import { macroSeries } from '../core/macro-series';
import { useMacroStore } from '../stores/macro-store';

const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

/** FOMO and regime score over time: history seeded from `macro.history`, then live from `onMacroState`. */
export function RegimeChartCard() {
  const history = useMacroHistory();
  const live = useMacroStore((s) => s.events);
  const points = macroSeries(history.data, live, 500);
  // A single state has no segment to draw: show it as a dot until the second one arrives
  const dots = points.length < 2;
  return (
    <Card label="Regime chart" className="chart-card">
      {points.length === 0 ? (
        <p className="muted">no macro states yet</p>
      ) : (
        <div className="chart">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
              <CartesianGrid stroke="#263041" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                domain={['dataMin', 'dataMax']}
                tickFormatter={hhmm}
                stroke="#8b98ad"
              />
              <YAxis domain={[0, 1]} stroke="#8b98ad" />
              <Tooltip
                labelFormatter={(t) => `${hhmm(Number(t))} UTC`}
                contentStyle={{ background: '#111826', border: '1px solid #263041' }}
              />
              <Legend />
              <Line
                type="monotone"
                dataKey="fomo"
                name="FOMO score"
                stroke="#f5a524"
                dot={dots}
                connectNulls
              />
              <Line type="monotone" dataKey="regime" name="Regime score" stroke="#4cc9f0" dot={dots} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
