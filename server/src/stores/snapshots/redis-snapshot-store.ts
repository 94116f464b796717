import type { RedisClient } from '../../bus/redis.ts';
import { compareEntryIds, isEntryId } from '../../bus/entry-id.ts';
import { keyTable } from '../../keys/key-table.ts';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/** A flat `[k1, v1, k2, v2, …]` reply's value of `field`. */
function field(reply: unknown, name: string): unknown {
  if (!Array.isArray(reply)) return undefined;
  for (let i = 0; i + 1 < reply.length; i += 2) if (reply[i] === name) return reply[i + 1];
  return undefined;
}

/**
 * Snapshots in Redis, one string per owner at `<prefix>:snapshot:<owner>`. The trimmed-entry check reads
 * `XINFO STREAM`: `entries-added` above `length` means entries were removed (Redis 7.0 does not advance
 * `max-deleted-entry-id` on MAXLEN trimming, so that field cannot tell).
 */
export function createRedisSnapshotStore(redis: RedisClient, prefix: string): SnapshotStore {
  const keys = keyTable(prefix);
  return {
    async save(owner, snapshot) {
      await redis.set(keys.snapshot(owner), encodeSnapshot(snapshot));
    },
    async load(owner, format) {
      return decodeSnapshot(await redis.get(keys.snapshot(owner)), format);
    },
    async trimmedAfter(stream, afterId) {
      const key = keys.stream(stream);
      if ((await redis.exists(key)) === 0) return null;
      const info = await redis.call('XINFO', 'STREAM', key);
      const added = Number(field(info, 'entries-added'));
      const length = Number(field(info, 'length'));
      const first = field(info, 'first-entry');
      const firstId: unknown = Array.isArray(first) ? first[0] : undefined;
      if (!(added > length) || typeof firstId !== 'string' || !isEntryId(firstId)) return null;
      return compareEntryIds(firstId, afterId) > 0 ? firstId : null;
    },
  };
}
