import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormatTime } from '@/lib/time';
import { greekText, type GreekChart as GreekChartModel } from '../core/greek-charts';

const COLORS = { limit: '#ff5d5d', alert: '#f5a524' } as const;

/**
 * One Greek of one underlying over time with its limit lines (recharts: load it only from a lazy page). The
 * drawing is an image to assistive technology, labelled with the chart in words.
 */
export function GreekChart({ chart }: { chart: GreekChartModel }) {
  const formatTime = useFormatTime();
  const dots = chart.points.length < 2;
  return (
    <figure className="greek-chart">
      <figcaption>{chart.title}</figcaption>
      <div role="img" aria-label={chart.summary} className="greek-chart-plot">
        {chart.points.length === 0 ? (
          <p className="muted small">no data yet</p>
        ) : (
          <ResponsiveContainer width="100%" height={120}>
            <LineChart data={chart.points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#263041" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(t: number) => formatTime(t).slice(0, 5)}
                stroke="#8b98ad"
                fontSize={10}
                minTickGap={24}
              />
              <YAxis
                stroke="#8b98ad"
                fontSize={10}
                width={52}
                tickFormatter={(v: number) => greekText(chart.greek, v)}
              />
              <Tooltip
                labelFormatter={(t) => formatTime(Number(t))}
                formatter={(v) => [greekText(chart.greek, Number(v)), chart.greek]}
                contentStyle={{ background: '#111826', border: '1px solid #263041' }}
              />
              {chart.lines.map((line) => (
                <ReferenceLine
                  key={line.label}
                  y={line.value}
                  stroke={COLORS[line.kind]}
                  strokeDasharray={line.kind === 'alert' ? '4 3' : undefined}
                  ifOverflow="extendDomain"
                />
              ))}
              <Line type="stepAfter" dataKey="v" stroke="#4cc9f0" dot={dots} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      <p className="muted small greek-chart-limits">{chart.limitsText}</p>
    </figure>
  );
}
