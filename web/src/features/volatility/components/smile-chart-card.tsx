import type { VolatilityForecastEvent, VolatilitySurfaceEvent } from '@gamma/shared';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card } from '@/components/ui/card';
import { smilesOf, smileSummary, type Smile } from '../core/smile';
import {
  AXIS_COLOR,
  ChartFrame,
  GRID_COLOR,
  legendText,
  pct,
  Q_COLOR,
  SERIES_COLORS,
  TOOLTIP_STYLE,
} from './chart-frame';

/** The smile of each expiry of the latest surface (P), with the trader's-horizon forecast (Q) across it. */
export function SmileChartCard(props: {
  underlying: string;
  surface: VolatilitySurfaceEvent | null;
  q: VolatilityForecastEvent | null;
}) {
  const smiles = smilesOf(props.surface);
  const q = props.q?.predicted_volatility ?? null;
  return (
    <Card
      label="Smile"
      title={`Smile (P) vs forecast (Q): ${props.underlying}, IV by K/F`}
      className="vol-card"
    >
      {smiles.length === 0 ? (
        <p className="muted">no surface yet</p>
      ) : (
        <ChartFrame summary={smileSummary(props.underlying, smiles, q)}>
          <SmileChart smiles={smiles} q={q} horizon={props.q?.forecast_horizon ?? ''} />
        </ChartFrame>
      )}
    </Card>
  );
}

/** The chart itself. */
function SmileChart(props: { smiles: Smile[]; q: number | null; horizon: string }) {
  return (
    <ResponsiveContainer width="100%" height={230}>
      <LineChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID_COLOR} strokeDasharray="3 3" />
        <XAxis
          dataKey="moneyness"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(m: number) => m.toFixed(2)}
          stroke={AXIS_COLOR}
          allowDuplicatedCategory={false}
        />
        <YAxis
          width={64}
          dataKey="iv"
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => pct(v)}
          stroke={AXIS_COLOR}
        />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(m) => `K/F ${Number(m).toFixed(3)}`}
          formatter={(v) => pct(Number(v))}
        />
        <Legend formatter={legendText} />
        {props.smiles.map((s, i) => (
          <Line
            key={s.expiry}
            data={s.points}
            dataKey="iv"
            name={s.expiry}
            stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
            dot={false}
            isAnimationActive={false}
          />
        ))}
        {props.q !== null && (
          <ReferenceLine
            y={props.q}
            stroke={Q_COLOR}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
            label={{
              value: `Q ${props.horizon} ${pct(props.q)}`,
              fill: Q_COLOR,
              position: 'insideTopRight',
            }}
          />
        )}
      </LineChart>
    </ResponsiveContainer>
  );
}
