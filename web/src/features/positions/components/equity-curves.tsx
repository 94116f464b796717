import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormatTime } from '@/lib/time';
import type { EquityCurve } from '../api/use-positions';
import { equitySeries, usd } from '../core/pnl-format';

const AXIS = '#8b98ad';
const GRID = '#263041';
const TOOLTIP_STYLE = { background: '#111826', border: '1px solid #263041' } as const;
const MARGIN = { top: 6, right: 12, bottom: 0, left: 8 } as const;

type Points = ReturnType<typeof equitySeries>;

// The shared axes and tooltip (recharts reads its children by type, so they are built inline, not wrapped)
function useAxes() {
  const formatTime = useFormatTime();
  return {
    xAxis: (
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={(t: number) => formatTime(t, 'clock')}
        stroke={AXIS}
        minTickGap={40}
      />
    ),
    tooltip: (
      <Tooltip
        labelFormatter={(t) => formatTime(Number(t), 'datetime')}
        formatter={(v) => usd(Number(v), { sign: true })}
        contentStyle={TOOLTIP_STYLE}
      />
    ),
  };
}

function EquityChart({ points }: { points: Points }) {
  const { xAxis, tooltip } = useAxes();
  return (
    <ResponsiveContainer width="100%" height={150}>
      <LineChart data={points} margin={MARGIN}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        {xAxis}
        <YAxis stroke={AXIS} width={64} tickFormatter={(v: number) => usd(v)} />
        {tooltip}
        <Line
          type="stepAfter"
          dataKey="equity"
          name="Equity"
          stroke="#4cc9f0"
          dot={points.length < 2}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

function DrawdownChart({ points }: { points: Points }) {
  const { xAxis, tooltip } = useAxes();
  return (
    <ResponsiveContainer width="100%" height={110}>
      <AreaChart data={points} margin={MARGIN}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        {xAxis}
        <YAxis stroke={AXIS} width={64} domain={['dataMin', 0]} tickFormatter={(v: number) => usd(v)} />
        {tooltip}
        <Area
          type="stepAfter"
          dataKey="drawdown"
          name="Drawdown"
          stroke="#ff5d5d"
          fill="rgba(255, 93, 93, 0.25)"
          dot={points.length < 2}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

/** Equity and drawdown since the first fill on one time axis (recharts; this module loads with the page). */
export function EquityCurves({ curve }: { curve: EquityCurve }) {
  const points = equitySeries(curve.points);
  return (
    <div className="equity-curves">
      <figure aria-label="Equity curve">
        <figcaption className="muted">Equity, USD (realized + unrealized − fees)</figcaption>
        <EquityChart points={points} />
      </figure>
      <figure aria-label="Drawdown curve">
        <figcaption className="muted">
          Drawdown from the running peak, USD (deepest {usd(curve.max_drawdown)})
        </figcaption>
        <DrawdownChart points={points} />
      </figure>
    </div>
  );
}
