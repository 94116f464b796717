import { STREAM_NAMES, type StreamName } from '@gamma/shared';
import type { Redis } from 'ioredis';
import { streamKey } from '../bus/keys.ts';
import type { DeadLetterCount } from './core/market-state.ts';
import { idMs } from './core/stream-id.ts';

/** One consumer group of a stream (SPEC §10.4). */
export interface GroupInfo {
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

/** A flat `[k1, v1, k2, v2, …]` reply as an object. */
function pairs(reply: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(reply)) return out;
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = reply[i + 1];
  return out;
}

const num = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
};

const isoOfId = (id: string | null): string | null => {
  const ms = id === null ? null : idMs(id);
  return ms === null || ms === 0 ? null : new Date(ms).toISOString();
};

async function groupInfo(
  { redis, key }: { redis: Redis; key: string },
  raw: Record<string, unknown>,
  context: { nowMs: number; deadLetters: number },
): Promise<GroupInfo> {
  const name = String(raw.name);
  const lastDelivered = String(raw['last-delivered-id'] ?? '0-0');
  const lag = num(raw.lag);
  const pending = num(raw.pending) ?? 0;
  let oldestIdle: number | null = null;
  let oldestUnacked: string | null = null;
  if (pending > 0) {
    const detail = (await redis.xpending(key, name, '-', '+', 1)) as unknown[];
    const first = detail[0];
    if (Array.isArray(first)) {
      oldestUnacked = String(first[0]);
      oldestIdle = num(first[2]);
    }
  }
  if (oldestUnacked === null && lag !== 0) {
    // Nothing pending: the oldest unacked entry is the first one not yet delivered
    const next = await redis.xrange(key, `(${lastDelivered}`, '+', 'COUNT', 1);
    oldestUnacked = next[0]?.[0] ?? null;
  }
  const oldestMs = oldestUnacked === null ? null : idMs(oldestUnacked);
  return {
    name,
    consumers: num(raw.consumers) ?? 0,
    pending,
    lag,
    last_delivered_id: lastDelivered,
    oldest_pending_idle_ms: oldestIdle,
    delay_ms: oldestMs === null ? 0 : Math.max(0, context.nowMs - oldestMs),
    dead_letters: context.deadLetters,
  };
}

async function streamInfo(
  { redis, prefix }: { redis: Redis; prefix: string },
  stream: StreamName,
  context: { nowMs: number; deadLetters: DeadLetterCount[] },
): Promise<StreamInfo> {
  const key = streamKey(prefix, stream);
  const letters = context.deadLetters.filter((d) => d.source_stream === stream);
  const base = { stream, dead_letters: letters.reduce((sum, d) => sum + d.count, 0) };
  if ((await redis.exists(key)) === 0) {
    return { ...base, exists: false, length: 0, last_entry_id: null, last_entry_at: null, groups: [] };
  }
  const info = pairs(await redis.xinfo('STREAM', key));
  const lastId = typeof info['last-generated-id'] === 'string' ? info['last-generated-id'] : null;
  const rawGroups = ((await redis.xinfo('GROUPS', key)) as unknown[]).map(pairs);
  const groups = await Promise.all(
    rawGroups.map((g) =>
      groupInfo({ redis, key }, g, {
        nowMs: context.nowMs,
        deadLetters: letters.find((d) => d.group === String(g.name))?.count ?? 0,
      }),
    ),
  );
  return {
    ...base,
    exists: true,
    length: num(info.length) ?? 0,
    last_entry_id: lastId,
    last_entry_at: isoOfId(lastId),
    groups: groups.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Length, groups, lag, pending and delays of every stream (SPEC §10.4), read with XINFO / XPENDING. */
export function streamsInfo(
  redis: Redis,
  prefix: string,
  context: { nowMs: number; deadLetters: DeadLetterCount[] },
): Promise<StreamInfo[]> {
  return Promise.all(STREAM_NAMES.map((name) => streamInfo({ redis, prefix }, name, context)));
}
