import type { RouterOutputs } from '@/lib/trpc';

/** One point of `market.volHistory`: ATM IV and the forecasts per horizon at an instant. */
export type VolHistoryPoint = RouterOutputs['market']['volHistory'][number];

/** A surface's ATM IV (`key` null) or one horizon's forecast, received live. */
export interface LiveSample {
  timestamp: string;
  /** Null: ATM IV (P); otherwise the forecast horizon (Q) */
  key: string | null;
  value: number;
}

/** Most points the history chart draws. */
export const MAX_HISTORY_POINTS = 500;

/**
 * The history from the server, then the live samples newer than its last point, each carrying the other
 * values forward as the server does (one point per instant); the newest `max` points.
 */
export function mergeHistory(
  history: readonly VolHistoryPoint[] | undefined,
  live: readonly LiveSample[],
  max = MAX_HISTORY_POINTS,
): VolHistoryPoint[] {
  const points = [...(history ?? [])];
  const last = points.at(-1);
  const after = last ? Date.parse(last.timestamp) : -Infinity;
  let atmIv = last?.atm_iv ?? null;
  let forecasts: Record<string, number> = { ...(last?.forecasts ?? {}) };
  const newer = live
    .filter((s) => Date.parse(s.timestamp) > after)
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  for (const sample of newer) {
    if (sample.key === null) atmIv = sample.value;
    else forecasts = { ...forecasts, [sample.key]: sample.value };
    const point = { timestamp: sample.timestamp, atm_iv: atmIv, forecasts };
    if (points.at(-1)?.timestamp === sample.timestamp) points[points.length - 1] = point;
    else points.push(point);
  }
  return points.slice(-max);
}

/** A chart row: time in ms, P and each horizon's Q as flat keys (`q_24h`), null where unknown. */
export interface HistoryRow {
  t: number;
  p: number | null;
  [qKey: `q_${string}`]: number | null;
}

/** The rows of the history chart. */
export function historyRows(points: readonly VolHistoryPoint[], horizons: readonly string[]): HistoryRow[] {
  return points.map((point) => {
    const row: HistoryRow = { t: Date.parse(point.timestamp), p: point.atm_iv };
    for (const h of horizons) row[`q_${h}`] = point.forecasts[h] ?? null;
    return row;
  });
}

const pct = (x: number | null | undefined): string =>
  typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : 'none';

/** A text summary of the history chart (its accessible name). */
export function historySummary(
  underlying: string,
  points: readonly VolHistoryPoint[],
  horizon: string,
): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `${underlying} ATM implied vol against forecast over time: no history yet`;
  return (
    `${underlying} ATM implied vol (P) against the ${horizon} forecast (Q) over time, ${points.length} points ` +
    `from ${first.timestamp} to ${last.timestamp}: P ${pct(first.atm_iv)} to ${pct(last.atm_iv)}, ` +
    `Q ${pct(first.forecasts[horizon])} to ${pct(last.forecasts[horizon])}`
  );
}
