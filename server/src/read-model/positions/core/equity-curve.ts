/** One sample of the book's equity (USD since the first fill). */
export interface EquityPoint {
  /** Stream entry ms of the event that took the sample */
  atMs: number;
  /** Realized + unrealized − fees */
  equity: number;
  /** Average-cost realized PnL of closed quantity, before fees */
  realized: number;
  /** (mark − average price) × quantity of open positions with a mark */
  unrealized: number;
  /** Fees paid */
  fees: number;
  /** Equity − running peak (≤ 0) */
  drawdown: number;
}

/** The equity curve since start, bounded: when it outgrows `maxPoints` every other point goes. */
export interface EquityCurve {
  points: EquityPoint[];
  /** Highest equity so far (starts at 0, the flat book before the first fill) */
  peak: number;
  /** Deepest drawdown so far (≤ 0) */
  maxDrawdown: number;
  /** Least time between two samples taken on a mark update (doubles each time the curve is thinned) */
  sampleMs: number;
  maxPoints: number;
}

/** An empty curve. */
export function createEquityCurve(options: { sampleMs: number; maxPoints: number }): EquityCurve {
  return { points: [], peak: 0, maxDrawdown: 0, ...options };
}

/** Whether a sample at `atMs` is due: always on a fill, on a mark update once per `sampleMs`. */
export function sampleDue(curve: EquityCurve, atMs: number, onFill: boolean): boolean {
  const last = curve.points.at(-1);
  if (!last) return true;
  if (atMs < last.atMs) return false;
  return onFill || atMs - last.atMs >= curve.sampleMs;
}

/** Appends a sample (drawdown from the running peak), thinning the curve when it is full. */
export function pushSample(
  curve: EquityCurve,
  sample: { atMs: number; realized: number; unrealized: number; fees: number },
): void {
  const equity = sample.realized + sample.unrealized - sample.fees;
  curve.peak = Math.max(curve.peak, equity);
  const drawdown = equity - curve.peak;
  curve.maxDrawdown = Math.min(curve.maxDrawdown, drawdown);
  curve.points.push({ ...sample, equity, drawdown });
  if (curve.points.length > curve.maxPoints) {
    const last = curve.points.length - 1;
    // Halving keeps the whole history since start at a coarser step; the newest point always stays
    curve.points = curve.points.filter((_, i) => i % 2 === 0 || i === last);
    curve.sampleMs *= 2;
  }
}
