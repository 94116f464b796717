/** The time filter's choices: how far back an order may have been sent. */
export const TIME_WINDOWS = [
  { key: 'all', label: 'Any time', ms: null },
  { key: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { key: '1h', label: 'Last hour', ms: 60 * 60_000 },
  { key: '4h', label: 'Last 4 hours', ms: 4 * 60 * 60_000 },
  { key: '24h', label: 'Last 24 hours', ms: 24 * 60 * 60_000 },
] as const;
export type TimeWindowKey = (typeof TIME_WINDOWS)[number]['key'];

/**
 * The `from` of a window at `nowMs` (ISO-8601 UTC), or undefined for any time. Rounded down to the minute, so
 * the query's key (and its answer in the cache) holds for a minute rather than changing every render.
 */
export function windowFrom(key: TimeWindowKey, nowMs: number): string | undefined {
  const window = TIME_WINDOWS.find((w) => w.key === key);
  if (!window || window.ms === null) return undefined;
  const minute = Math.floor(nowMs / 60_000) * 60_000;
  return new Date(minute - window.ms).toISOString();
}

/** Whether a string is a window's key (for a `<select>`'s value). */
export const isTimeWindowKey = (value: string): value is TimeWindowKey =>
  TIME_WINDOWS.some((w) => w.key === value);
