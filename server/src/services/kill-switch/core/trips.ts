import { stricterState, type TradingState } from '@gamma/shared';

/** What the kill switch measures at one check; null where it is not known yet. */
export interface KillMeasures {
  /** Equity now (`portfolio.risk` `metadata.total_value`), USD */
  equity: number | null;
  /** Highest equity seen (`metadata.peak_value`), USD */
  peak: number | null;
  /** Equity at the start of the current UTC day, USD */
  dayStart: number | null;
  /** Dead letters whose entry is younger than a minute (counted up to the limit) */
  deadLettersLastMinute: number;
  /** The consumer group whose oldest unacked entry is oldest, and that age, s */
  worstLag: { stream: string; group: string; lagS: number } | null;
}

/** The limits of the trips (`RISK_KILL_*`, `RISK_DAILY_LOSS_PCT`). */
export interface KillLimits {
  drawdownPct: number;
  dailyLossPct: number;
  /** 0 = off */
  deadLettersPerMin: number;
  /** 0 = off */
  lagS: number;
}

/** One measure beyond its limit, the global state it calls for, and the reason the change records. */
export interface Trip {
  measure: 'drawdown' | 'daily_loss' | 'dead_letters' | 'consumer_lag';
  state: Exclude<TradingState, 'ACTIVE'>;
  value: number;
  limit: number;
  reason: string;
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const usd = (x: number): string => x.toFixed(2);

/**
 * Every trip the measures call for (issue 9): drawdown from the PEAK equity ≥ `drawdownPct` → REDUCING;
 * equity ≤ start-of-day equity × (1 − `dailyLossPct`) → HALTED; dead letters in the last minute ≥
 * `deadLettersPerMin` → REDUCING; a consumer group lagging more than `lagS` → REDUCING.
 */
export function tripsOf(m: KillMeasures, limits: KillLimits): Trip[] {
  const trips: Trip[] = [];
  if (m.equity !== null && m.peak !== null && m.peak > 0) {
    const peak = Math.max(m.peak, m.equity);
    const drawdown = (peak - m.equity) / peak;
    if (drawdown >= limits.drawdownPct)
      trips.push({
        measure: 'drawdown',
        state: 'REDUCING',
        value: drawdown,
        limit: limits.drawdownPct,
        reason: `kill switch: drawdown ${pct(drawdown)} from the peak equity ${usd(peak)} ≥ ${pct(limits.drawdownPct)}`,
      });
  }
  if (m.equity !== null && m.dayStart !== null && m.dayStart > 0) {
    const floor = m.dayStart * (1 - limits.dailyLossPct);
    if (m.equity <= floor)
      trips.push({
        measure: 'daily_loss',
        state: 'HALTED',
        value: (m.dayStart - m.equity) / m.dayStart,
        limit: limits.dailyLossPct,
        reason: `kill switch: daily loss ${pct((m.dayStart - m.equity) / m.dayStart)}: equity ${usd(m.equity)} ≤ ${usd(floor)} (start of day ${usd(m.dayStart)} − ${pct(limits.dailyLossPct)})`,
      });
  }
  if (limits.deadLettersPerMin > 0 && m.deadLettersLastMinute >= limits.deadLettersPerMin)
    trips.push({
      measure: 'dead_letters',
      state: 'REDUCING',
      value: m.deadLettersLastMinute,
      limit: limits.deadLettersPerMin,
      reason: `kill switch: ${m.deadLettersLastMinute} dead letters in the last minute ≥ ${limits.deadLettersPerMin}`,
    });
  if (limits.lagS > 0 && m.worstLag !== null && m.worstLag.lagS > limits.lagS) {
    const { stream, group, lagS } = m.worstLag;
    trips.push({
      measure: 'consumer_lag',
      state: 'REDUCING',
      value: lagS,
      limit: limits.lagS,
      reason: `kill switch: consumer group ${group} on ${stream} lagging ${Math.round(lagS)} s > ${limits.lagS} s`,
    });
  }
  return trips;
}

/** The trip to apply: the strictest (HALTED before REDUCING), the first listed among equals; null for none. */
export function strictestTrip(trips: readonly Trip[]): Trip | null {
  let worst: Trip | null = null;
  for (const trip of trips)
    if (
      worst === null ||
      (trip.state !== worst.state && stricterState(trip.state, worst.state) === trip.state)
    )
      worst = trip;
  return worst;
}

/**
 * Whether a trip moves the global state `current`: only to a stricter state. The kill switch never
 * loosens a state (leaving HALTED, or REDUCING, is a person's decision).
 */
export const tightens = (trip: Trip, current: TradingState): boolean =>
  trip.state !== current && stricterState(trip.state, current) === trip.state;

/** The UTC day `YYYY-MM-DD` of an instant. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The newest entries' ids (newest first) counted when younger than a minute at `nowMs` (ids carry the
 * time Redis appended them).
 */
export function countLastMinute(idsNewestFirst: readonly string[], nowMs: number): number {
  let n = 0;
  for (const id of idsNewestFirst) {
    const ms = Number(id.split('-')[0]);
    if (!Number.isFinite(ms) || nowMs - ms >= 60_000) break;
    n += 1;
  }
  return n;
}
