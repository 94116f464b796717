import type { AlertAck, AlertBoardRow, RiskAlertEvent } from '@gamma/shared';
import type { Stored } from '../core/intents-state.ts';
import { compareIds } from '../core/stream-id.ts';

/** An alert on the board without its acknowledgement (kept in the gateway's memory). */
export type AlertEpisode = Omit<AlertBoardRow, 'ack'>;

/**
 * The alerts of `risk.alert` grouped by strategy, alert type and underlying: when each was raised, how
 * often it repeated, when it was last seen and whether the risk service cleared it. Mutated in place by
 * {@link applyRiskAlert}; at most `maxAlerts` alerts, the longest unseen dropped first.
 */
export interface AlertBoardState {
  readonly maxAlerts: number;
  readonly byKey: Map<string, AlertEpisode>;
  /** Entry id of the newest alert applied (a warm-up and a tail overlapping apply an entry once) */
  lastId: string;
}

/** An empty board of at most `maxAlerts` alerts. */
export const createAlertBoard = (maxAlerts: number): AlertBoardState => ({
  maxAlerts,
  byKey: new Map(),
  lastId: '0-0',
});

/** The underlying an alert is about (`metadata.underlying`: the delta alerts'), else null. */
const underlyingOf = (alert: RiskAlertEvent): string | null =>
  typeof alert.metadata.underlying === 'string' && alert.metadata.underlying !== ''
    ? alert.metadata.underlying
    : null;

/** The board's key of an alert: `<strategy_id>|<alert_type>|<underlying or empty>`. */
export const alertKeyOf = (alert: RiskAlertEvent): string =>
  `${alert.strategy_id}|${alert.alert_type}|${underlyingOf(alert) ?? ''}`;

/**
 * Whether an alert clears its condition. The risk service (services/risk-service/core/alerts.ts) sends one
 * `info` alert with `metadata.state: 'cleared'` when a condition ends; it raises only `warning` and
 * `critical`, so `info` alone counts as a clear too (another producer's).
 */
const clears = (alert: RiskAlertEvent): boolean =>
  alert.severity === 'info' || alert.metadata.state === 'cleared';

function raised(
  alert: Stored<RiskAlertEvent>,
  key: string,
  severity: AlertEpisode['severity'],
): AlertEpisode {
  const m = alert.message;
  return {
    key,
    strategy_id: m.strategy_id,
    alert_type: m.alert_type,
    underlying: underlyingOf(m),
    status: 'active',
    severity,
    message: m.message,
    current_value: m.current_value,
    threshold_value: m.threshold_value,
    raise_id: alert.id,
    first_raised_at: m.timestamp,
    repeats: 0,
    last_seen_at: m.timestamp,
    cleared_at: null,
  };
}

/**
 * The next state of one alert. A raise with nothing active starts a new raise (new `raise_id`, so it needs
 * a new acknowledgement). A raise while active is a repeat, unless it is not marked `metadata.repeat` and
 * changes the severity: then it is a new raise too (the risk service sends such an escalation with `repeat`
 * false). A clear ends an active raise; a clear of nothing is ignored.
 */
function nextEpisode(
  current: AlertEpisode | undefined,
  entry: Stored<RiskAlertEvent>,
  key: string,
): AlertEpisode | undefined {
  const m = entry.message;
  const seen = { message: m.message, current_value: m.current_value, last_seen_at: m.timestamp };
  if (clears(m)) {
    if (current?.status !== 'active') return current;
    return { ...current, ...seen, status: 'cleared', cleared_at: m.timestamp };
  }
  const severity: AlertEpisode['severity'] = m.severity === 'critical' ? 'critical' : 'warning';
  if (current?.status !== 'active') return raised(entry, key, severity);
  const escalation = m.metadata.repeat !== true && severity !== current.severity;
  return {
    ...current,
    ...seen,
    severity,
    threshold_value: m.threshold_value,
    repeats: current.repeats + 1,
    ...(escalation ? { raise_id: entry.id } : {}),
  };
}

/** Records one `risk.alert` entry (entries at or before the last one applied are skipped). */
export function applyRiskAlert(state: AlertBoardState, entry: Stored<RiskAlertEvent>): void {
  if (compareIds(entry.id, state.lastId) <= 0) return;
  state.lastId = entry.id;
  const key = alertKeyOf(entry.message);
  const next = nextEpisode(state.byKey.get(key), entry, key);
  if (next === undefined) return;
  // Re-inserted, so the map's order is the order last seen: the first key is the longest unseen
  state.byKey.delete(key);
  state.byKey.set(key, next);
  if (state.byKey.size > state.maxAlerts) {
    const oldest = state.byKey.keys().next();
    if (oldest.done !== true) state.byKey.delete(oldest.value);
  }
}

/** One alert of the board, or null when the board has none of that key. */
export const alertEpisode = (state: AlertBoardState, key: string): AlertEpisode | null =>
  state.byKey.get(key) ?? null;

/**
 * The board: active alerts first, then cleared ones, each group newest seen first, each with the
 * acknowledgement of its current raise (`acks` by key, as the ack store returns them).
 */
export function alertBoardRows(state: AlertBoardState, acks: ReadonlyMap<string, AlertAck>): AlertBoardRow[] {
  return [...state.byKey.values()]
    .sort(
      (a, b) =>
        (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1) ||
        b.last_seen_at.localeCompare(a.last_seen_at),
    )
    .map((episode) => ({ ...episode, ack: acks.get(episode.key) ?? null }));
}
