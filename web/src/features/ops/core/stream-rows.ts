/** Consumer delay above which a row counts as lagging (SPEC §10.3). */
export const DELAY_ALERT_MS = 5000;

/** What the table needs of a stream. */
export interface StreamLike {
  stream: string;
  length: number;
  last_entry_at: string | null;
  dead_letters: number;
  groups: readonly {
    name: string;
    consumers: number;
    lag: number | null;
    pending: number;
    oldest_pending_idle_ms: number | null;
    delay_ms: number;
    dead_letters: number;
    handled_last_min: number;
    failed_last_min: number;
    per_minute: readonly { minute: string; handled: number; failed: number }[];
  }[];
}

/** One row of the streams table: a stream and one of its groups (or the stream alone). */
export interface StreamRow {
  key: string;
  stream: string;
  group: string | null;
  consumers: number | null;
  length: number;
  lag: number | null;
  pending: number | null;
  idleMs: number | null;
  delayMs: number | null;
  handledPerMin: number | null;
  failedPerMin: number | null;
  /** Handled per minute over the last 15 minutes, oldest first (the last one is the current minute) */
  handledSeries: number[];
  /** Failed in the current (partial) minute */
  failedNow: number;
  deadLetters: number;
  lastEntryAt: string | null;
  /** The delay is above {@link DELAY_ALERT_MS} */
  lagging: boolean;
  /** Something failed in the last complete minute or in this one */
  failing: boolean;
}

const streamAlone = (s: StreamLike): StreamRow => ({
  key: s.stream,
  stream: s.stream,
  group: null,
  consumers: null,
  length: s.length,
  lag: null,
  pending: null,
  idleMs: null,
  delayMs: null,
  handledPerMin: null,
  failedPerMin: null,
  handledSeries: [],
  failedNow: 0,
  deadLetters: s.dead_letters,
  lastEntryAt: s.last_entry_at,
  lagging: false,
  failing: false,
});

/** Flattens streams into rows, one per consumer group (a stream without groups gets one row of its own). */
export function streamRows(streams: readonly StreamLike[] | undefined): StreamRow[] {
  const rows: StreamRow[] = [];
  for (const s of streams ?? []) {
    if (s.groups.length === 0) rows.push(streamAlone(s));
    for (const g of s.groups) {
      const failedNow = g.per_minute.at(-1)?.failed ?? 0;
      rows.push({
        key: `${s.stream}|${g.name}`,
        stream: s.stream,
        group: g.name,
        consumers: g.consumers,
        length: s.length,
        lag: g.lag,
        pending: g.pending,
        idleMs: g.oldest_pending_idle_ms,
        delayMs: g.delay_ms,
        handledPerMin: g.handled_last_min,
        failedPerMin: g.failed_last_min,
        handledSeries: g.per_minute.map((m) => m.handled),
        failedNow,
        deadLetters: g.dead_letters,
        lastEntryAt: s.last_entry_at,
        lagging: g.delay_ms > DELAY_ALERT_MS,
        failing: g.failed_last_min > 0 || failedNow > 0,
      });
    }
  }
  return rows;
}
