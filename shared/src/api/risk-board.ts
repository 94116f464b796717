import { z } from 'zod';
import type { AlertType } from '../messages/risk-alert-event.ts';
import { ID_MAX_LENGTH, NAME_MAX_LENGTH } from './input-limits.ts';

/** Most points `risk.greeksHistory` keeps and returns per underlying (one hour at one point per 5 s). */
export const GREEKS_HISTORY_MAX_POINTS = 720;

/** Input of `risk.greeksHistory` (viewer): the newest `limit` points of one underlying, or of every one. */
export const GreeksHistoryInputSchema = z
  .object({
    /** `BTC/USDT`; absent: every underlying */
    underlying: z.string().min(1).max(NAME_MAX_LENGTH).optional(),
    limit: z.number().int().min(1).max(GREEKS_HISTORY_MAX_POINTS).default(GREEKS_HISTORY_MAX_POINTS),
  })
  .optional();
export type GreeksHistoryInput = z.infer<typeof GreeksHistoryInputSchema>;

/** One sample of an underlying's portfolio Greeks (the last `portfolio.risk` of its time bucket). */
export interface GreeksPoint {
  /** The event's timestamp, ISO */
  at: string;
  /** Coins */
  delta: number;
  /** Delta per 1 USD */
  gamma: number;
  /** USD per vol point */
  vega: number;
  /** USD a day */
  theta: number;
}

/**
 * `points` (oldest first) with `point` sampled in: it replaces the last point when both fall in the same
 * `spacingMs` bucket of their timestamps, else it is appended and the oldest beyond `maxPoints` dropped. A
 * point stamped before the last one is left out (the same array is returned), so a series runs forward.
 */
export function withGreeksPoint(
  points: readonly GreeksPoint[],
  point: GreeksPoint,
  options: { spacingMs: number; maxPoints: number },
): readonly GreeksPoint[] {
  const last = points.at(-1);
  if (last === undefined) return [point];
  const [atMs, lastMs] = [Date.parse(point.at), Date.parse(last.at)];
  if (atMs < lastMs) return points;
  const bucket = (ms: number) => Math.floor(ms / options.spacingMs);
  if (bucket(atMs) === bucket(lastMs)) return [...points.slice(0, -1), point];
  return [...points, point].slice(-options.maxPoints);
}

/** The Greeks of one underlying over time, oldest first (`underlying` `''`: a producer's whole-book events). */
export interface GreeksSeries {
  underlying: string;
  points: GreeksPoint[];
}

/** What `risk.greeksHistory` returns. */
export interface GreeksHistory {
  /** One point per this many seconds at most (the newest event of each bucket) */
  spacing_s: number;
  series: GreeksSeries[];
}

/** A `risk.alert` entry id (`<ms>-<seq>`): the raise an acknowledgement is for. */
export const AlertRaiseIdSchema = z
  .string()
  .max(41)
  .regex(/^\d{1,20}-\d{1,20}$/, 'a raise id is a risk.alert entry id, <ms>-<seq>');

/**
 * Input of `risk.acknowledgeAlert` (trader): the alert's `key` from `risk.alertBoard`, and the raise the
 * trader saw (`raise_id`); a newer raise of the same alert since is CONFLICT. Without `raise_id`, the current raise.
 */
export const AcknowledgeAlertInputSchema = z.object({
  key: z.string().min(1).max(ID_MAX_LENGTH),
  raise_id: AlertRaiseIdSchema.optional(),
});
export type AcknowledgeAlertInput = z.infer<typeof AcknowledgeAlertInputSchema>;

/** Who acknowledged a raise, and when. */
export interface AlertAck {
  by: string;
  /** ISO */
  at: string;
}

/** One alert of `risk.alertBoard`: the alerts of one strategy, type and underlying since it was last raised. */
export interface AlertBoardRow {
  /** `<strategy_id>|<alert_type>|<underlying or empty>` */
  key: string;
  strategy_id: string;
  alert_type: AlertType;
  /** `metadata.underlying` (the delta alerts'), else null */
  underlying: string | null;
  /** `active` from a raise until the risk service clears it (an `info` alert, `metadata.state` `cleared`) */
  status: 'active' | 'cleared';
  /** Severity of the latest raise */
  severity: 'warning' | 'critical';
  /** Text of the latest alert (the raise's, or the clear's) */
  message: string;
  current_value: number;
  threshold_value: number;
  /** Entry id of the raise to acknowledge: a new raise (after a clear, or at another severity) gets a new one */
  raise_id: string;
  /** When it was raised (this raise) */
  first_raised_at: string;
  /** Repeats of the raise while active */
  repeats: number;
  /** The newest alert of it, raise, repeat or clear */
  last_seen_at: string;
  /** When the risk service cleared it; null while active */
  cleared_at: string | null;
  /** Who acknowledged this raise and when; null when nobody has */
  ack: AlertAck | null;
}
