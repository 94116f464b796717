import type { StreamName } from '@gamma/shared';

/**
 * Per-stream `MAXLEN ~` below the common `STREAM_MAXLEN`, for streams whose entries are large: one
 * `market.vol_surface` entry is a whole option chain (~42 KB in Redis), so 100 000 of them would hold ~4 GB.
 */
export type StreamMaxLens = Partial<Record<StreamName, number>>;

/** The caps every append trims at: the common one and the per-stream ones. */
export interface StreamCaps {
  maxLen: number;
  streamMaxLens?: StreamMaxLens;
}

/** The `MAXLEN ~` an append to `name` trims at: its own cap, else the common one. */
export const maxLenOf = (caps: StreamCaps, name: StreamName): number =>
  caps.streamMaxLens?.[name] ?? caps.maxLen;
