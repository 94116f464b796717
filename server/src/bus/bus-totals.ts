import type { ChainableCommander } from 'ioredis';
import { keyTable } from '../keys/key-table.ts';
import type { RedisClient } from './redis.ts';

/**
 * Upper bounds of the handler-duration buckets, seconds (Prometheus' convention); a last bucket, `+Inf`,
 * takes the rest.
 */
export const HANDLER_BUCKETS_S = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
] as const;

/** What the bus totals per stream and group since the desk's Redis began. */
export const TOTAL_KINDS = ['handled', 'failed', 'dead_lettered'] as const;
/** `failed` includes `dead_lettered` (the Ops page's per-minute `failed` counts both alike). */
export type TotalKind = (typeof TOTAL_KINDS)[number];

/** The `le` label of each bucket, `+Inf` last. */
export const BUCKET_LABELS: readonly string[] = [...HANDLER_BUCKETS_S.map(String), '+Inf'];

/** A stream and group's totals, as read back. */
export interface GroupTotals {
  stream: string;
  group: string;
  handled: number;
  failed: number;
  dead_lettered: number;
  /** Handler calls per bucket of {@link BUCKET_LABELS} (not cumulative) */
  buckets: number[];
  /** Total handler time, seconds */
  durationS: number;
}

const bucketIndex = (ms: number): number => {
  const index = HANDLER_BUCKETS_S.findIndex((bound) => ms <= bound * 1000);
  return index < 0 ? HANDLER_BUCKETS_S.length : index;
};

/**
 * One consumer's totals since its last flush: entries per kind and handler durations per bucket. Sent
 * with the per-minute counters of the same batch (bus-counts.ts), in the same pipeline.
 */
export class TotalsTally {
  private readonly counts: Record<TotalKind, number> = { handled: 0, failed: 0, dead_lettered: 0 };
  private readonly buckets: number[] = BUCKET_LABELS.map(() => 0);
  private durationUs = 0;

  count(kind: TotalKind): void {
    this.counts[kind] += 1;
    if (kind === 'dead_lettered') this.counts.failed += 1;
  }

  /** One handler call of `ms` milliseconds. */
  observe(ms: number): void {
    const index = bucketIndex(ms);
    this.buckets[index] = (this.buckets[index] ?? 0) + 1;
    this.durationUs += Math.round(ms * 1000);
  }

  /** Adds what was tallied to `<prefix>:bus_totals` on `pipeline` (HINCRBY per field that moved) and resets. */
  addTo(pipeline: ChainableCommander, key: string, pair: string): void {
    for (const kind of TOTAL_KINDS) {
      if (this.counts[kind] > 0) pipeline.hincrby(key, `${pair}|${kind}`, this.counts[kind]);
      this.counts[kind] = 0;
    }
    this.buckets.forEach((count, index) => {
      if (count > 0) pipeline.hincrby(key, `${pair}|bucket:${BUCKET_LABELS[index] ?? '+Inf'}`, count);
      this.buckets[index] = 0;
    });
    if (this.durationUs > 0) pipeline.hincrby(key, `${pair}|duration_us`, this.durationUs);
    this.durationUs = 0;
  }
}

const emptyTotals = (stream: string, group: string): GroupTotals => ({
  stream,
  group,
  handled: 0,
  failed: 0,
  dead_lettered: 0,
  buckets: BUCKET_LABELS.map(() => 0),
  durationS: 0,
});

/** Adds one field (`<stream>|<group>|<what>`) of the totals hash to `totals`; unknown fields are skipped. */
function addField(totals: Map<string, GroupTotals>, field: string, count: number): void {
  const first = field.indexOf('|');
  const last = field.lastIndexOf('|');
  if (first <= 0 || last <= first + 1 || !Number.isFinite(count)) return;
  const stream = field.slice(0, first);
  const group = field.slice(first + 1, last);
  const what = field.slice(last + 1);
  const pair = `${stream}|${group}`;
  const entry = totals.get(pair) ?? emptyTotals(stream, group);
  if (what === 'handled' || what === 'failed' || what === 'dead_lettered') entry[what] += count;
  else if (what === 'duration_us') entry.durationS += count / 1e6;
  else if (what.startsWith('bucket:')) {
    const index = BUCKET_LABELS.indexOf(what.slice('bucket:'.length));
    if (index < 0) return;
    entry.buckets[index] = (entry.buckets[index] ?? 0) + count;
  } else return;
  totals.set(pair, entry);
}

/** Folds the totals hash into one record per stream and group, ordered by stream then group. */
export function parseTotals(hash: Record<string, string>): GroupTotals[] {
  const totals = new Map<string, GroupTotals>();
  for (const [field, raw] of Object.entries(hash)) addField(totals, field, Number(raw));
  return [...totals.values()].sort(
    (a, b) => a.stream.localeCompare(b.stream) || a.group.localeCompare(b.group),
  );
}

/** Reads every stream and group's totals (one HGETALL). */
export async function readBusTotals(redis: RedisClient, prefix: string): Promise<GroupTotals[]> {
  return parseTotals(await redis.hgetall(keyTable(prefix).busTotals()));
}
