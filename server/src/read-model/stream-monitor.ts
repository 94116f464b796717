import { STREAM_NAMES, type StreamName } from '@gamma/shared';
import type { MinuteCounts } from '../bus/bus-counts.ts';
import type { GroupStats, StreamStats } from '../bus/redis-stream-info.ts';
import { groupThroughput, type GroupThroughput } from './bus-throughput.ts';
import type { DeadLetterCount } from './core/market-state.ts';
import { idMs } from './core/stream-id.ts';

/** Where the statistics of one stream come from (`Stores.streamStats`). */
export type StreamStatsReader = (stream: StreamName) => Promise<StreamStats>;

/** What the figures of every stream are measured against. */
export interface MonitorContext {
  nowMs: number;
  deadLetters: DeadLetterCount[];
  /** The bus's counters of the minutes `throughputMinutes(nowMs)` (bus-throughput.ts); absent: all zero */
  counts?: MinuteCounts;
}

/** One consumer group of a stream (SPEC §10.4). */
export interface GroupInfo extends GroupThroughput {
  name: string;
  consumers: number;
  /** Delivered, not yet acked */
  pending: number;
  /** Entries not yet delivered to the group (XINFO GROUPS `lag`; null when Redis cannot tell) */
  lag: number | null;
  last_delivered_id: string;
  /** Idle time of the oldest pending entry, ms */
  oldest_pending_idle_ms: number | null;
  /** Now − the id time of the oldest entry not yet acked (pending or undelivered), ms; 0 when caught up */
  delay_ms: number;
  /** Dead letters of this stream and group seen by the gateway */
  dead_letters: number;
}

/** One stream (SPEC §10.4). */
export interface StreamInfo {
  stream: StreamName;
  exists: boolean;
  length: number;
  last_entry_id: string | null;
  /** Time of the last entry (from its id), ISO */
  last_entry_at: string | null;
  /** Dead letters whose source is this stream, every group */
  dead_letters: number;
  groups: GroupInfo[];
}

const isoOfId = (id: string | null): string | null => {
  const ms = id === null ? null : idMs(id);
  return ms === null || ms === 0 ? null : new Date(ms).toISOString();
};

function groupInfo(
  group: GroupStats,
  context: { stream: StreamName; nowMs: number; deadLetters: number; counts: MinuteCounts },
): GroupInfo {
  const oldestUnacked = group.oldestPending?.id ?? group.nextUndeliveredId;
  const oldestMs = oldestUnacked === null ? null : idMs(oldestUnacked);
  return {
    name: group.name,
    consumers: group.consumers,
    pending: group.pending,
    lag: group.lag,
    last_delivered_id: group.lastDeliveredId,
    oldest_pending_idle_ms: group.oldestPending?.idleMs ?? null,
    delay_ms: oldestMs === null ? 0 : Math.max(0, context.nowMs - oldestMs),
    dead_letters: context.deadLetters,
    ...groupThroughput(context.counts, { stream: context.stream, group: group.name, nowMs: context.nowMs }),
  };
}

async function streamInfo(
  stats: StreamStatsReader,
  stream: StreamName,
  context: MonitorContext,
): Promise<StreamInfo> {
  const letters = context.deadLetters.filter((d) => d.source_stream === stream);
  const base = { stream, dead_letters: letters.reduce((sum, d) => sum + d.count, 0) };
  const s = await stats(stream);
  if (!s.exists) {
    return { ...base, exists: false, length: 0, last_entry_id: null, last_entry_at: null, groups: [] };
  }
  const groups = s.groups.map((g) =>
    groupInfo(g, {
      stream,
      nowMs: context.nowMs,
      counts: context.counts ?? new Map(),
      deadLetters: letters.find((d) => d.group === g.name)?.count ?? 0,
    }),
  );
  return {
    ...base,
    exists: true,
    length: s.length,
    last_entry_id: s.lastEntryId,
    last_entry_at: isoOfId(s.lastEntryId),
    groups: groups.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Length, groups, lag, pending, delays and handled / failed per minute of every stream (SPEC §10.4), from the
 * bus's stream statistics and counters.
 */
export function streamsInfo(stats: StreamStatsReader, context: MonitorContext): Promise<StreamInfo[]> {
  return Promise.all(STREAM_NAMES.map((name) => streamInfo(stats, name, context)));
}
