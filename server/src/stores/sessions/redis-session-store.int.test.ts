import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { createRedisLoginFailureStore, createRedisSessionStore } from './redis-session-store.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describeSessionStoreContract('createRedisSessionStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    sessions: createRedisSessionStore(redis, prefix),
    loginFailures: createRedisLoginFailureStore(redis, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('createRedisSessionStore', () => {
  it('stores only the id hash as the key, with the expiry it is given', async () => {
    const prefix = testPrefix();
    const keys = keyTable(prefix);
    try {
      const sessions = createRedisSessionStore(redis, prefix);
      const record = { username: 'alice', created_ms: 1, last_seen_ms: 1 };
      await sessions.create('ab12', record, { ttlMs: 30_000, userTtlMs: 90_000 });
      expect(JSON.parse((await redis.get(keys.session('ab12'))) ?? 'null')).toEqual(record);
      expect(await redis.pttl(keys.session('ab12'))).toBeGreaterThan(0);
      expect(await redis.pttl(keys.session('ab12'))).toBeLessThanOrEqual(30_000);
      expect(await redis.smembers(keys.userSessions('alice'))).toEqual(['ab12']);
      expect(await redis.pttl(keys.userSessions('alice'))).toBeGreaterThan(30_000);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });

  it('drops expired sessions from the user index at the next sign-in', async () => {
    const prefix = testPrefix();
    const keys = keyTable(prefix);
    try {
      const sessions = createRedisSessionStore(redis, prefix);
      const record = { username: 'alice', created_ms: 1, last_seen_ms: 1 };
      await sessions.create('old', record, { ttlMs: 30_000, userTtlMs: 90_000 });
      await redis.del(keys.session('old'));
      await sessions.create('new', record, { ttlMs: 30_000, userTtlMs: 90_000 });
      expect(await redis.smembers(keys.userSessions('alice'))).toEqual(['new']);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
