import type { StreamName } from '@gamma/shared';
import type { RedisClient } from './redis.ts';
import { keyTable } from '../keys/key-table.ts';
import { TotalsTally, type TotalKind } from './bus-totals.ts';

/** What the bus counts per stream, group and minute. */
export const BUS_COUNT_KINDS = ['handled', 'failed'] as const;
/** `handled`: acked after the handler succeeded; `failed`: the handler threw, or the entry was dead-lettered. */
export type BusCountKind = (typeof BUS_COUNT_KINDS)[number];

/** How long a minute's counters are kept, seconds (two hours: the console shows the last 15 minutes). */
export const BUS_COUNTS_TTL_S = 7200;

/** The epoch minute of an epoch-ms instant (the counters' bucket). */
export const epochMinute = (ms: number): number => Math.floor(ms / 60_000);

/** The field of one counter in a minute's hash: `<stream>|<group>|<kind>`. */
export const countField = (stream: string, group: string, kind: BusCountKind): string =>
  `${stream}|${group}|${kind}`;

/**
 * One consumer's counters. The consumer counts in memory as it handles entries and sends the counts of each
 * read batch in one pipeline (HINCRBY per kind, plus the minute's EXPIRE once per minute and consumer), so a
 * batch of 100 entries costs one round trip more, not 100. The same pipeline adds them to the desk's totals
 * (`<prefix>:bus_totals`, with the handler durations per bucket: bus-totals.ts), which `/metrics` reads: the
 * Ops page's minutes and the metrics' counters come from the same counts.
 */
export class BusCounter {
  private readonly keys;
  private readonly counted: Record<BusCountKind, number> = { handled: 0, failed: 0 };
  private readonly totals = new TotalsTally();
  private readonly pair: string;
  private expiredMinute = -1;

  constructor(
    private readonly stream: StreamName,
    private readonly group: string,
    prefix: string,
  ) {
    this.keys = keyTable(prefix);
    this.pair = `${stream}|${group}`;
  }

  /**
   * Counts one entry: handled, failed (its handler threw) or dead-lettered (counted as failed per minute too),
   * with how long its handler ran when it ran.
   */
  count(kind: TotalKind, handlerMs?: number): void {
    this.counted[kind === 'dead_lettered' ? 'failed' : kind] += 1;
    this.totals.count(kind);
    if (handlerMs !== undefined) this.totals.observe(handlerMs);
  }

  /**
   * Adds what was counted since the last flush to the minute of `nowMs` and to the totals: two pipelines sent
   * together (one per key, so each stays in one Redis Cluster slot); nothing to send, no command. Counts that
   * could not be written are dropped (the error is thrown for the caller to log).
   */
  async flush(redis: RedisClient, nowMs: number): Promise<void> {
    const kinds = BUS_COUNT_KINDS.filter((kind) => this.counted[kind] > 0);
    if (kinds.length === 0) return;
    const minute = epochMinute(nowMs);
    const key = this.keys.busCounts(minute);
    const pipeline = redis.pipeline();
    for (const kind of kinds) {
      pipeline.hincrby(key, countField(this.stream, this.group, kind), this.counted[kind]);
      this.counted[kind] = 0;
    }
    if (minute !== this.expiredMinute) {
      pipeline.expire(key, BUS_COUNTS_TTL_S);
      this.expiredMinute = minute;
    }
    const totals = redis.pipeline();
    this.totals.addTo(totals, this.keys.busTotals(), this.pair);
    const replies = await Promise.all([pipeline.exec(), totals.exec()]);
    const error = replies.flatMap((reply) => reply ?? []).find(([e]) => e)?.[0];
    if (error) throw error;
  }
}

/** Counts of one stream and group in one minute. */
export interface GroupCounts {
  handled: number;
  failed: number;
}

/** `<stream>|<group>` → counts, for each minute asked for. */
export type MinuteCounts = Map<number, Map<string, GroupCounts>>;

/** Folds one minute's hash (`field → count`) into `<stream>|<group>` → counts. */
export function parseMinuteCounts(hash: Record<string, string>): Map<string, GroupCounts> {
  const groups = new Map<string, GroupCounts>();
  for (const [field, raw] of Object.entries(hash)) {
    const cut = field.lastIndexOf('|');
    const kind = field.slice(cut + 1);
    const count = Number(raw);
    if (cut <= 0 || !Number.isFinite(count) || (kind !== 'handled' && kind !== 'failed')) continue;
    const group = field.slice(0, cut);
    const counts = groups.get(group) ?? { handled: 0, failed: 0 };
    counts[kind] += count;
    groups.set(group, counts);
  }
  return groups;
}

/**
 * Reads the counters of `minutes` (one HGETALL each, sent together). Not one pipeline: on a Redis Cluster the
 * minutes' keys sit in different slots, and ioredis refuses a pipeline that spans nodes.
 */
export async function readBusCounts(
  redis: RedisClient,
  prefix: string,
  minutes: readonly number[],
): Promise<MinuteCounts> {
  const keys = keyTable(prefix);
  const hashes = await Promise.all(minutes.map((minute) => redis.hgetall(keys.busCounts(minute))));
  const out: MinuteCounts = new Map();
  minutes.forEach((minute, i) => out.set(minute, parseMinuteCounts(hashes[i] ?? {})));
  return out;
}
