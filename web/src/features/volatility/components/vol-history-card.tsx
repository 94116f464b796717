import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '@/components/ui/card';
import { useFormatTime } from '@/lib/time';
import { historyRows, historySummary, type HistoryRow, type VolHistoryPoint } from '../core/vol-series';
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

const HORIZONS = ['1h', '24h', '7d'] as const;
/** Colours of the horizons other than the trader's (which is amber, like Q everywhere on the page). */
const OTHER_HORIZON_COLORS = {
  '1h': SERIES_COLORS[2],
  '24h': SERIES_COLORS[5],
  '7d': SERIES_COLORS[3],
} as const;

/** ATM IV (P) against the forecasts (Q) over time: the trader's horizon bold, the others faint. */
export function VolHistoryCard(props: {
  underlying: string;
  points: readonly VolHistoryPoint[];
  traderHorizon: string;
}) {
  const rows = historyRows(props.points, HORIZONS);
  return (
    <Card label="ATM IV vs forecast" className="vol-card">
      {rows.length === 0 ? (
        <p className="muted">no history yet</p>
      ) : (
        <ChartFrame summary={historySummary(props.underlying, props.points, props.traderHorizon)}>
          <HistoryChart rows={rows} traderHorizon={props.traderHorizon} />
        </ChartFrame>
      )}
    </Card>
  );
}

/** The chart itself. */
function HistoryChart(props: { rows: HistoryRow[]; traderHorizon: string }) {
  const format = useFormatTime();
  const dots = props.rows.length < 2;
  return (
    <ResponsiveContainer width="100%" height={230}>
      <LineChart
        data={props.rows}
        accessibilityLayer={false}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke={GRID_COLOR} strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(t: number) => format(t)}
          stroke={AXIS_COLOR}
        />
        <YAxis
          width={64}
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => pct(v)}
          stroke={AXIS_COLOR}
        />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(t) => format(Number(t), 'datetime')}
          formatter={(v) => pct(Number(v))}
        />
        <Legend formatter={legendText} />
        <Line
          type="stepAfter"
          dataKey="p"
          name="ATM IV (P)"
          stroke={SERIES_COLORS[0]}
          dot={dots}
          connectNulls
          isAnimationActive={false}
        />
        {HORIZONS.map((h) => (
          <Line
            key={h}
            type="stepAfter"
            dataKey={`q_${h}`}
            name={`Q ${h}`}
            stroke={h === props.traderHorizon ? Q_COLOR : OTHER_HORIZON_COLORS[h]}
            strokeWidth={h === props.traderHorizon ? 2 : 1}
            strokeDasharray={h === props.traderHorizon ? undefined : '4 3'}
            dot={dots}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
