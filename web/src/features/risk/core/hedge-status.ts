/** Hedge status of SPEC §10.3. */
export type HedgeStatus = 'well_hedged' | 'acceptable' | 'long_delta' | 'short_delta';

/** `well_hedged` |Δ| < 0.4 × threshold, `acceptable` < threshold, else `long_delta` / `short_delta`. */
export function hedgeStatus(delta: number, threshold: number): HedgeStatus {
  const abs = Math.abs(delta);
  // 0.4 × 0.05 is 0.020000000000000004 in floating point: a relative epsilon keeps the boundary exact
  if (abs < 0.4 * threshold * (1 - 1e-12)) return 'well_hedged';
  if (abs < threshold) return 'acceptable';
  return delta > 0 ? 'long_delta' : 'short_delta';
}

/** The hedge instrument of an underlying: its linear perpetual (`BTC/USDT` → `BTC/USDT:USDT`). */
export function hedgeInstrumentOf(underlying: string): string {
  const base = underlying.split('/')[0] ?? underlying;
  return `${base}/USDT:USDT`;
}

/** What the Greeks card says about the hedge, e.g. `long_delta: sell 0.0800 of BTC/USDT:USDT`. */
export function hedgeText(delta: number, threshold: number, underlying: string): string {
  const status = hedgeStatus(delta, threshold);
  if (status === 'well_hedged' || status === 'acceptable') return status;
  const side = status === 'long_delta' ? 'sell' : 'buy';
  return `${status}: ${side} ${Math.abs(delta).toFixed(4)} of ${hedgeInstrumentOf(underlying)}`;
}
