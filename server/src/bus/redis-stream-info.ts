import type { Redis } from 'ioredis';

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

const field = (flat: unknown[], name: string): unknown => {
  const index = flat.findIndex((value, i) => i % 2 === 0 && value === name);
  return index >= 0 ? flat[index + 1] : undefined;
};

const toNumber = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Reads `XLEN` and `XINFO GROUPS`; a missing stream has length 0 and no groups. */
export async function readStreamInfo(redis: Redis, key: string): Promise<StreamInfo> {
  const length = await redis.xlen(key);
  if (length === 0 && (await redis.exists(key)) === 0) return { length: 0, groups: [] };
  const reply = await redis.call('XINFO', 'GROUPS', key);
  const groups = (Array.isArray(reply) ? reply : []).filter(Array.isArray).map((flat: unknown[]) => ({
    name: String(field(flat, 'name')),
    consumers: toNumber(field(flat, 'consumers')) ?? 0,
    pending: toNumber(field(flat, 'pending')) ?? 0,
    lastDeliveredId: String(field(flat, 'last-delivered-id')),
    lag: toNumber(field(flat, 'lag')),
  }));
  return { length, groups };
}
