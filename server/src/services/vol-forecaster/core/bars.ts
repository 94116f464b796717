/** Rules for turning ticks into bar returns. */
export interface BarRules {
  /** Bar length, ms */
  barMs: number;
  /** A gap of up to this many bars yields one return scaled by 1/√gap; a longer gap restarts the series */
  maxGapBars: number;
  /** Most recent returns kept */
  maxReturns: number;
}

/** Bars of one symbol; replaced, never mutated. */
export interface BarState {
  /** Index (epoch ms / bar ms) and last price of the bar being built */
  current: { index: number; close: number } | null;
  /** The last completed bar */
  previous: { index: number; close: number } | null;
  /** Log returns of completed bars, oldest first, per one bar */
  returns: readonly number[];
  /** Returns ever produced (the buffer keeps only the newest) */
  total: number;
}

export const emptyBars: BarState = { current: null, previous: null, returns: [], total: 0 };

/** What {@link addTick} did with a tick. */
export type TickOutcome = 'same-bar' | 'new-bar' | 'stale';

function completeBar(s: BarState, rules: BarRules, bar: { index: number; close: number }): BarState {
  const prev = s.previous;
  const gap = prev ? bar.index - prev.index : 0;
  if (!prev || gap < 1 || gap > rules.maxGapBars) return { ...s, previous: bar };
  // A return over several bars carries their summed variance: scale it to one bar's
  const r = Math.log(bar.close / prev.close) / Math.sqrt(gap);
  const returns = [...s.returns, r];
  return {
    ...s,
    previous: bar,
    returns: returns.length > rules.maxReturns ? returns.slice(returns.length - rules.maxReturns) : returns,
    total: s.total + 1,
  };
}

/**
 * Feeds one tick (price, epoch ms) into the bars. The bar's close is its last tick; a tick in a later
 * bar completes the current one and adds its log return against the previous completed bar. A tick
 * older than the bar being built is `stale` and changes nothing (a repeated tick is harmless).
 */
export function addTick(
  s: BarState,
  rules: BarRules,
  tick: { price: number; ms: number },
): { state: BarState; outcome: TickOutcome } {
  if (!(tick.price > 0) || !Number.isFinite(tick.price))
    throw new RangeError(`price must be > 0, got ${tick.price}`);
  const index = Math.floor(tick.ms / rules.barMs);
  const cur = s.current;
  if (cur === null || index > cur.index) {
    const done = cur === null ? s : completeBar(s, rules, cur);
    return { state: { ...done, current: { index, close: tick.price } }, outcome: 'new-bar' };
  }
  if (index === cur.index)
    return { state: { ...s, current: { index, close: tick.price } }, outcome: 'same-bar' };
  return { state: s, outcome: 'stale' };
}
