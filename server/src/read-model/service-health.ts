import type { ServiceBeat } from '../stores/heartbeats/heartbeat-store.ts';
import { instanceOf } from '../stores/heartbeats/heartbeat-store.ts';

/** A service instance's health: `up` (beating), `stale` (three beats missed), `down` (stopped, long silent or never seen). */
export const SERVICE_STATUSES = ['up', 'stale', 'down'] as const;
/** One of {@link SERVICE_STATUSES}. */
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Missed beats after which an instance is stale. */
export const STALE_AFTER_BEATS = 3;
/** Missed beats after which a silent instance is down (a killed process never writes `stopped_at`). */
export const DOWN_AFTER_BEATS = 12;

/** One row of `monitoring.services`. */
export interface ServiceHealth {
  service: string;
  /** `<service>@<host>:<pid>`; null for a known service no process has beaten for */
  instance: string | null;
  host: string | null;
  pid: number | null;
  status: ServiceStatus;
  started_at: string | null;
  last_beat: string | null;
  /** The last entry it handled or published (ISO); null before its first */
  last_activity: string | null;
  stopped_at: string | null;
}

/** The status of one beat at `nowMs`. */
export function beatStatus(beat: ServiceBeat, at: { nowMs: number; intervalMs: number }): ServiceStatus {
  if (beat.stopped_at !== null) return 'down';
  const silentMs = at.nowMs - Date.parse(beat.last_beat);
  if (!(silentMs <= DOWN_AFTER_BEATS * at.intervalMs)) return 'down';
  return silentMs > STALE_AFTER_BEATS * at.intervalMs ? 'stale' : 'up';
}

const STATUS_ORDER: Record<ServiceStatus, number> = { up: 0, stale: 1, down: 2 };

/**
 * Each instance's health, in `known` order (unknown services after them), up before stale before down; a
 * known service without any beat is listed once, down, with no instance.
 */
export function servicesHealth(
  beats: readonly ServiceBeat[],
  at: { nowMs: number; intervalMs: number; known: readonly string[] },
): ServiceHealth[] {
  const rows: ServiceHealth[] = beats.map((beat) => ({
    ...beat,
    instance: instanceOf(beat),
    status: beatStatus(beat, at),
  }));
  for (const service of at.known) {
    if (rows.some((row) => row.service === service)) continue;
    rows.push({
      service,
      instance: null,
      host: null,
      pid: null,
      status: 'down',
      started_at: null,
      last_beat: null,
      last_activity: null,
      stopped_at: null,
    });
  }
  const rank = (service: string): number => {
    const i = at.known.indexOf(service);
    return i < 0 ? at.known.length : i;
  };
  return rows.sort(
    (a, b) =>
      rank(a.service) - rank(b.service) ||
      a.service.localeCompare(b.service) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (b.last_beat ?? '').localeCompare(a.last_beat ?? ''),
  );
}
