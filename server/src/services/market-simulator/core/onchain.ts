import { hourReturnOf, type UnderlyingParams, type UnderlyingState } from './underlying-state.ts';

/** The reply of `GET /api/v1/onchain/activity?asset=<coin>`: a simulated on-chain activity reading. */
export interface OnchainReply {
  asset: string;
  /** 100 = an ordinary day; rises with the traded volume, the variance and the last hour's move */
  activity_index: number;
  active_addresses: number;
  transactions: number;
  /** When the reading was taken, ISO-8601 UTC */
  timestamp: string;
}

/** Each 1 % of last hour's move (either way) adds this share to the index: busy chains follow big moves */
const MOVE_LEAN = 10;

/**
 * The simulated on-chain activity index: 100 × the 24 h volume against its average × √(variance against
 * its long-run level) × (1 + 10 × |last hour's log return|). It draws no random number of its own, so
 * the price path and every seeded figure stay as they were.
 */
export function onchainActivityOf(s: UnderlyingState, p: UnderlyingParams): number {
  const volume = s.spotVolume / p.dailyVolume;
  const variance = Math.sqrt(s.path.variance / p.path.longRunVariance);
  return 100 * volume * variance * (1 + MOVE_LEAN * Math.abs(hourReturnOf(s)));
}

/** The HTTP reply for an asset's index at `nowMs`. */
export const onchainReply = (asset: string, index: number, nowMs: number): OnchainReply => ({
  asset,
  activity_index: index,
  active_addresses: Math.round(index * 9_000),
  transactions: Math.round(index * 5_000),
  timestamp: new Date(nowMs).toISOString(),
});
