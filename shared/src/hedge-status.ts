import { baseCoinOf } from './symbols.ts';

/** Hedge status of an underlying's delta (SPEC §10.3). */
export const HEDGE_STATUSES = ['well_hedged', 'acceptable', 'long_delta', 'short_delta'] as const;
export type HedgeStatus = (typeof HEDGE_STATUSES)[number];

/**
 * `well_hedged` when |Δ| < 0.4 × threshold, `acceptable` when |Δ| < threshold, else `long_delta`
 * (Δ > 0: sell the hedge instrument) or `short_delta` (buy it). One rule for the gateway and the console.
 */
export function hedgeStatus(totalDelta: number, threshold: number): HedgeStatus {
  const size = Math.abs(totalDelta);
  // 0.4 × 0.05 is 0.020000000000000004 in floating point: a relative epsilon keeps the boundary exact
  if (size < 0.4 * threshold * (1 - 1e-12)) return 'well_hedged';
  if (size < threshold) return 'acceptable';
  return totalDelta > 0 ? 'long_delta' : 'short_delta';
}

/** The hedge instrument of an underlying from a template such as `DELTA_HEDGE_INSTRUMENT` (`{BASE}/USDT:USDT`). */
export const hedgeInstrumentFor = (template: string, underlying: string): string =>
  template.replaceAll('{BASE}', baseCoinOf(underlying));
