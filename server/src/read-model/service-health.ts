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
/**
 * How long a process that went down without stopping cleanly (killed, crashed) stays with the current ones
 * after its service runs elsewhere, so the operator sees the crash; a clean stop folds away at once.
 */
export const RETIRED_AFTER_MS = 10 * 60 * 1000;

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
  /**
   * A process of the past: down, not its service's current process (another is up or stale, or a newer one
   * beat last), and stopped cleanly or silent for over {@link RETIRED_AFTER_MS}. The console folds these away
   */
  retired: boolean;
}

/** The status of one beat at `nowMs`. */
export function beatStatus(beat: ServiceBeat, at: { nowMs: number; intervalMs: number }): ServiceStatus {
  if (beat.stopped_at !== null) return 'down';
  const silentMs = at.nowMs - Date.parse(beat.last_beat);
  if (!(silentMs <= DOWN_AFTER_BEATS * at.intervalMs)) return 'down';
  return silentMs > STALE_AFTER_BEATS * at.intervalMs ? 'stale' : 'up';
}

const STATUS_ORDER: Record<ServiceStatus, number> = { up: 0, stale: 1, down: 2 };

const beatMs = (row: Pick<ServiceHealth, 'last_beat'>): number => {
  const ms = Date.parse(row.last_beat ?? '');
  return Number.isFinite(ms) ? ms : -Infinity;
};

/**
 * Marks each down row that is not its service's current process (those up or stale, else the one that beat
 * last) as retired once it stopped cleanly or has been silent for {@link RETIRED_AFTER_MS}: a service with
 * nothing running keeps its last process in view, down.
 */
function markRetired(rows: ServiceHealth[], nowMs: number): void {
  for (const row of rows) {
    if (row.status !== 'down' || row.instance === null) continue;
    const others = rows.filter((r) => r !== row && r.service === row.service && r.instance !== null);
    const replaced = others.some((r) => r.status !== 'down' || beatMs(r) > beatMs(row));
    row.retired = replaced && (row.stopped_at !== null || !(nowMs - beatMs(row) <= RETIRED_AFTER_MS));
  }
}

/**
 * Each instance's health, in `known` order (unknown services after them), up before stale before down; a
 * known service without any beat is listed once, down, with no instance. Processes of the past are marked
 * `retired` ({@link markRetired}).
 */
export function servicesHealth(
  beats: readonly ServiceBeat[],
  at: { nowMs: number; intervalMs: number; known: readonly string[] },
): ServiceHealth[] {
  const rows: ServiceHealth[] = beats.map((beat) => ({
    ...beat,
    instance: instanceOf(beat),
    status: beatStatus(beat, at),
    retired: false,
  }));
  markRetired(rows, at.nowMs);
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
      retired: false,
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
