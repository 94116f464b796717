import type { VolatilityForecastEvent, VolatilitySurfaceEvent } from '@gamma/shared';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '@/components/ui/card';
import { forecastPointsOf, termStructureOf, termSummary } from '../core/term-structure';
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

const days = (d: number): string => (d < 1 ? `${Math.round(d * 24)}h` : `${d.toFixed(d < 10 ? 1 : 0)}d`);

/** A point of the term-structure chart: days ahead and a vol. */
interface Pt {
  days: number;
  vol: number;
}

/** ATM IV per expiry (P) and the forecast per horizon (Q), on one axis of days ahead. */
export function TermStructureCard(props: {
  underlying: string;
  surface: VolatilitySurfaceEvent | null;
  forecasts: readonly VolatilityForecastEvent[];
}) {
  const term = termStructureOf(props.surface).map((t) => ({ days: t.days, vol: t.iv, label: t.expiry }));
  const q = forecastPointsOf(props.forecasts).map((f) => ({ days: f.days, vol: f.vol, label: f.horizon }));
  const summary = termSummary(
    props.underlying,
    termStructureOf(props.surface),
    forecastPointsOf(props.forecasts),
  );
  return (
    <Card label="Term structure" className="vol-card">
      {term.length === 0 && q.length === 0 ? (
        <p className="muted">no surface or forecast yet</p>
      ) : (
        <ChartFrame summary={summary}>
          <TermChart term={term} q={q} />
        </ChartFrame>
      )}
    </Card>
  );
}

/** The chart itself. */
function TermChart(props: { term: Pt[]; q: Pt[] }) {
  return (
    <ResponsiveContainer width="100%" height={230}>
      <LineChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID_COLOR} strokeDasharray="3 3" />
        <XAxis
          dataKey="days"
          type="number"
          domain={[0, 'dataMax']}
          tickFormatter={days}
          stroke={AXIS_COLOR}
          allowDuplicatedCategory={false}
        />
        <YAxis
          width={64}
          dataKey="vol"
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => pct(v)}
          stroke={AXIS_COLOR}
        />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(d) => `${days(Number(d))} ahead`}
          formatter={(v) => pct(Number(v))}
        />
        <Legend formatter={legendText} />
        <Line
          data={props.term}
          dataKey="vol"
          name="ATM IV by expiry (P)"
          stroke={SERIES_COLORS[0]}
          isAnimationActive={false}
        />
        <Line
          data={props.q}
          dataKey="vol"
          name="Forecast by horizon (Q)"
          stroke={Q_COLOR}
          strokeDasharray="6 3"
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
