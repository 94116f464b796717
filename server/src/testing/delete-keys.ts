import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../bus/redis.ts';

/** Deletes the keys matching `pattern` on one server, one UNLINK per key (a cluster node refuses keys of two slots). */
async function deleteOn(node: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    const counts = await Promise.all(keys.map((key) => node.unlink(key)));
    deleted += counts.reduce((sum, n) => sum + n, 0);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/**
 * Deletes every key matching `pattern` (e.g. `test-…:*`), walking the keyspace with SCAN rather than
 * KEYS so a large database is not blocked; on a Redis Cluster, on every master (each holds its own keys).
 * Returns how many keys were deleted.
 */
export async function deleteKeys(redis: RedisClient, pattern: string): Promise<number> {
  if (!/^test-/.test(pattern)) throw new Error(`deleteKeys only removes test keys, got pattern "${pattern}"`);
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const counts = await Promise.all(nodes.map((node) => deleteOn(node, pattern)));
  return counts.reduce((sum, n) => sum + n, 0);
}
