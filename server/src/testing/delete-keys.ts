import type { Redis } from 'ioredis';

/**
 * Deletes every key matching `pattern` (e.g. `test-…:*`), walking the keyspace with SCAN rather than
 * KEYS so a large database is not blocked. Returns how many keys were deleted.
 */
export async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  if (!/^test-/.test(pattern)) throw new Error(`deleteKeys only removes test keys, got pattern "${pattern}"`);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
