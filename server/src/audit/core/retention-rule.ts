import type { StreamName } from '@gamma/shared';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * The raw market streams and the bucket each is down-sampled to once older than `AUDIT_MARKET_RAW_H`:
 * 1-minute ticks, 5-minute surfaces, 1-minute portfolio risk. Every other stream (intents, decisions,
 * approvals, commands, orders, fills, position updates, alerts, forecasts, macro state, DLQ) is kept
 * whole, forever.
 */
export const MARKET_BUCKET_MS: Readonly<Partial<Record<StreamName, number>>> = {
  'market.tick': MINUTE_MS,
  'market.vol_surface': 5 * MINUTE_MS,
  'portfolio.risk': MINUTE_MS,
};

/** The compacted streams with their buckets, in a fixed order. */
export const compactedStreams = (): Array<{ stream: StreamName; bucketMs: number }> =>
  Object.entries(MARKET_BUCKET_MS).map(([stream, bucketMs]) => ({
    stream: stream as StreamName,
    bucketMs: bucketMs ?? MINUTE_MS,
  }));

/** Start of the (UTC-aligned) bucket holding `ms`. */
export const bucketStartMs = (ms: number, bucketMs: number): number => Math.floor(ms / bucketMs) * bucketMs;

/**
 * Up to where a stream may be compacted at `nowMs`: the start of the bucket holding `now − rawHours`,
 * so only whole buckets that lie entirely outside the raw window are ever down-sampled.
 */
export const compactionCutoffMs = (nowMs: number, rawHours: number, bucketMs: number): number =>
  bucketStartMs(nowMs - rawHours * HOUR_MS, bucketMs);

/**
 * The end of the next batch starting at `fromMs`: the start of the bucket holding `nthTsMs` (the time of
 * the row `maxRows` rows in), so a batch never splits a bucket; at least one bucket, at most `cutoffMs`.
 */
export function batchEndMs(
  fromMs: number,
  nthTsMs: number | null,
  bounds: { bucketMs: number; cutoffMs: number },
): number {
  const { bucketMs, cutoffMs } = bounds;
  if (nthTsMs === null) return cutoffMs;
  const end = Math.max(bucketStartMs(nthTsMs, bucketMs), bucketStartMs(fromMs, bucketMs) + bucketMs);
  return Math.min(end, cutoffMs);
}
