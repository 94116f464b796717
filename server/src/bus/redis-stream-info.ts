import type { RedisClient } from './redis.ts';

/** A consumer group's state, from `XINFO GROUPS`. */
export interface GroupInfo {
  name: string;
  consumers: number;
  /** Delivered, not yet acked */
  pending: number;
  lastDeliveredId: string;
  /** Entries not yet delivered to the group; null when Redis cannot tell (or before Redis 7) */
  lag: number | null;
}

/** A stream's length and groups. */
export interface StreamInfo {
  length: number;
  groups: GroupInfo[];
}

/** A group with where its oldest unacked entry is, for monitoring. */
export interface GroupStats extends GroupInfo {
  /** The oldest delivered, unacked entry and its idle time, ms; null when nothing is pending */
  oldestPending: { id: string; idleMs: number | null } | null;
  /** When nothing is pending: the first entry not yet delivered (null when caught up) */
  nextUndeliveredId: string | null;
}

/** A stream's length, last entry and groups, for monitoring (SPEC §10.4). */
export interface StreamStats {
  exists: boolean;
  length: number;
  lastEntryId: string | null;
  groups: GroupStats[];
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

/** The one parser of an `XINFO GROUPS` reply. */
export function parseGroups(reply: unknown): GroupInfo[] {
  return (Array.isArray(reply) ? reply : []).filter(Array.isArray).map((flat: unknown[]) => {
    const raw = pairs(flat);
    return {
      name: String(raw.name),
      consumers: num(raw.consumers) ?? 0,
      pending: num(raw.pending) ?? 0,
      lastDeliveredId: String(raw['last-delivered-id'] ?? '0-0'),
      lag: num(raw.lag),
    };
  });
}

/** Reads `XLEN` and `XINFO GROUPS`; a missing stream has length 0 and no groups. */
export async function readStreamInfo(redis: RedisClient, key: string): Promise<StreamInfo> {
  const length = await redis.xlen(key);
  if (length === 0 && (await redis.exists(key)) === 0) return { length: 0, groups: [] };
  return { length, groups: parseGroups(await redis.call('XINFO', 'GROUPS', key)) };
}

async function groupStats(redis: RedisClient, key: string, group: GroupInfo): Promise<GroupStats> {
  let oldestPending: GroupStats['oldestPending'] = null;
  let nextUndeliveredId: string | null = null;
  if (group.pending > 0) {
    const detail = (await redis.xpending(key, group.name, '-', '+', 1)) as unknown[];
    const first = detail[0];
    if (Array.isArray(first)) oldestPending = { id: String(first[0]), idleMs: num(first[2]) };
  }
  if (oldestPending === null && group.lag !== 0) {
    const next = await redis.xrange(key, `(${group.lastDeliveredId}`, '+', 'COUNT', 1);
    nextUndeliveredId = next[0]?.[0] ?? null;
  }
  return { ...group, oldestPending, nextUndeliveredId };
}

/** Reads `XINFO STREAM`, `XINFO GROUPS` and, per group, where its oldest unacked entry is. */
export async function readStreamStats(redis: RedisClient, key: string): Promise<StreamStats> {
  if ((await redis.exists(key)) === 0) return { exists: false, length: 0, lastEntryId: null, groups: [] };
  const info = pairs(await redis.call('XINFO', 'STREAM', key));
  const lastId = info['last-generated-id'];
  const groups = parseGroups(await redis.call('XINFO', 'GROUPS', key));
  return {
    exists: true,
    length: num(info.length) ?? 0,
    lastEntryId: typeof lastId === 'string' ? lastId : null,
    groups: await Promise.all(groups.map((g) => groupStats(redis, key, g))),
  };
}
