/** Consumer delay above which a row is highlighted (SPEC §10.3). */
export const DELAY_ALERT_MS = 5000;

/** What the table needs of a stream. */
export interface StreamLike {
  stream: string;
  exists: boolean;
  length: number;
  last_entry_at: string | null;
  dead_letters: number;
  groups: readonly {
    name: string;
    lag: number | null;
    pending: number;
    oldest_pending_idle_ms: number | null;
    delay_ms: number;
    dead_letters: number;
  }[];
}

/** One row of the pipeline table: a stream and one of its groups (or the stream alone). */
export interface PipelineRow {
  key: string;
  stream: string;
  group: string | null;
  length: number;
  lag: number | null;
  pending: number | null;
  idleMs: number | null;
  delayMs: number | null;
  deadLetters: number;
  lastEntryAt: string | null;
  slow: boolean;
}

/** Flattens streams into rows, one per consumer group; `slow` when the delay is above 5 s. */
export function pipelineRows(streams: readonly StreamLike[] | undefined): PipelineRow[] {
  const rows: PipelineRow[] = [];
  for (const s of streams ?? []) {
    const base = { stream: s.stream, length: s.length, lastEntryAt: s.last_entry_at };
    if (s.groups.length === 0) {
      rows.push({
        ...base,
        key: s.stream,
        group: null,
        lag: null,
        pending: null,
        idleMs: null,
        delayMs: null,
        deadLetters: s.dead_letters,
        slow: false,
      });
      continue;
    }
    for (const g of s.groups) {
      rows.push({
        ...base,
        key: `${s.stream}|${g.name}`,
        group: g.name,
        lag: g.lag,
        pending: g.pending,
        idleMs: g.oldest_pending_idle_ms,
        delayMs: g.delay_ms,
        deadLetters: g.dead_letters,
        slow: g.delay_ms > DELAY_ALERT_MS,
      });
    }
  }
  return rows;
}
