/** Rules for turning ticks into bars and bar returns. */
export interface BarRules {
  /** Bar length, ms */
  barMs: number;
  /** A gap of up to this many bars yields one return scaled by 1/√gap; a longer gap restarts the series */
  maxGapBars: number;
  /** Most recent returns (and OHLC bars) kept */
  maxReturns: number;
}

/** One bar built from ticks: first, highest, lowest and last price, and how many ticks it saw. */
export interface OhlcBar {
  /** Epoch ms / bar ms */
  index: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Ticks in the bar (1 = a single-tick bar: open = high = low = close) */
  ticks: number;
}

/** Bars of one symbol; replaced, never mutated. */
export interface BarState {
  /** The bar being built */
  current: OhlcBar | null;
  /** The last completed bar */
  previous: { index: number; close: number } | null;
  /** Log returns of completed bars, oldest first, per one bar */
  returns: readonly number[];
  /** Returns ever produced (the buffer keeps only the newest) */
  total: number;
  /**
   * Completed OHLC bars, oldest first (at most `maxReturns`). A bar without ticks does not exist, and
   * a gap does not clear them: a bar's range depends on its own ticks only.
   */
  ohlc: readonly OhlcBar[];
}

export const emptyBars: BarState = { current: null, previous: null, returns: [], total: 0, ohlc: [] };

/** What {@link addTick} did with a tick. */
export type TickOutcome = 'same-bar' | 'new-bar' | 'stale';

const keepNewest = <T>(xs: readonly T[], max: number): readonly T[] =>
  xs.length > max ? xs.slice(xs.length - max) : xs;

function completeBar(s: BarState, rules: BarRules, bar: OhlcBar): BarState {
  const ohlc = keepNewest([...s.ohlc, bar], rules.maxReturns);
  const withBar: BarState = { ...s, previous: { index: bar.index, close: bar.close }, ohlc };
  const prev = s.previous;
  const gap = prev ? bar.index - prev.index : 0;
  if (!prev || gap < 1 || gap > rules.maxGapBars) return withBar;
  // A return over several bars carries their summed variance: scale it to one bar's
  const r = Math.log(bar.close / prev.close) / Math.sqrt(gap);
  return { ...withBar, returns: keepNewest([...s.returns, r], rules.maxReturns), total: s.total + 1 };
}

/**
 * Feeds one tick (price, epoch ms) into the bars. The first tick of a bar is its open, the last its
 * close; high and low are the extremes of its ticks. A tick in a later bar completes the current one
 * (stores its OHLC and adds its log return against the previous completed bar). A tick older than
 * the bar being built is `stale` and changes nothing. A repeated tick leaves open, high, low and
 * close as they were (only the tick count grows).
 */
export function addTick(
  s: BarState,
  rules: BarRules,
  tick: { price: number; ms: number },
): { state: BarState; outcome: TickOutcome } {
  const p = tick.price;
  if (!(p > 0) || !Number.isFinite(p)) throw new RangeError(`price must be > 0, got ${p}`);
  const index = Math.floor(tick.ms / rules.barMs);
  const cur = s.current;
  if (cur === null || index > cur.index) {
    const done = cur === null ? s : completeBar(s, rules, cur);
    const current = { index, open: p, high: p, low: p, close: p, ticks: 1 };
    return { state: { ...done, current }, outcome: 'new-bar' };
  }
  if (index === cur.index) {
    const current = {
      ...cur,
      high: Math.max(cur.high, p),
      low: Math.min(cur.low, p),
      close: p,
      ticks: cur.ticks + 1,
    };
    return { state: { ...s, current }, outcome: 'same-bar' };
  }
  return { state: s, outcome: 'stale' };
}
