import { epochMinute, type MinuteCounts } from '../bus/bus-counts.ts';

/** How many minutes of counts `monitoring.streams` returns per group (the current one included). */
export const THROUGHPUT_MINUTES = 15;

/** One minute of a group's counts. */
export interface MinuteThroughput {
  /** The minute's start, ISO */
  minute: string;
  /** Entries acked after the handler succeeded */
  handled: number;
  /** Handler throws and dead letters */
  failed: number;
}

/** A consumer group's throughput, from the bus's counters. */
export interface GroupThroughput {
  /** Handled in the last complete minute */
  handled_last_min: number;
  /** Failed (handler threw, or dead-lettered) in the last complete minute */
  failed_last_min: number;
  /** The last {@link THROUGHPUT_MINUTES} minutes, oldest first; the last one is the current, partial minute */
  per_minute: MinuteThroughput[];
}

/** The epoch minutes to read at `nowMs`, oldest first, ending with the current one. */
export const throughputMinutes = (nowMs: number): number[] => {
  const current = epochMinute(nowMs);
  return Array.from({ length: THROUGHPUT_MINUTES }, (_, i) => current - THROUGHPUT_MINUTES + 1 + i);
};

/** The throughput of `stream`'s `group` in `counts` (read for {@link throughputMinutes} of `nowMs`). */
export function groupThroughput(
  counts: MinuteCounts,
  of: { stream: string; group: string; nowMs: number },
): GroupThroughput {
  const perMinute = throughputMinutes(of.nowMs).map((minute) => {
    const c = counts.get(minute)?.get(`${of.stream}|${of.group}`);
    return {
      minute: new Date(minute * 60_000).toISOString(),
      handled: c?.handled ?? 0,
      failed: c?.failed ?? 0,
    };
  });
  const last = perMinute.at(-2);
  return {
    handled_last_min: last?.handled ?? 0,
    failed_last_min: last?.failed ?? 0,
    per_minute: perMinute,
  };
}
