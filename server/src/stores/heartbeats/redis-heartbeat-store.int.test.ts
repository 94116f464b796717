import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeHeartbeatStoreContract } from './heartbeat-store.contract.ts';
import { createRedisHeartbeatStore } from './heartbeat-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describeHeartbeatStoreContract('createRedisHeartbeatStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    heartbeats: createRedisHeartbeatStore(redis, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('createRedisHeartbeatStore', () => {
  it('keeps one field per service and process in <prefix>:services, skipping one that does not parse', async () => {
    const prefix = testPrefix();
    try {
      const store = createRedisHeartbeatStore(redis, prefix);
      await store.beat({
        service: 'engine',
        host: 'desk-1',
        pid: 42,
        started_at: '2026-03-02T09:15:00.000Z',
        last_beat: '2026-03-02T09:15:05.000Z',
        last_activity: null,
        stopped_at: null,
      });
      await redis.hset(keyTable(prefix).services(), 'broken@x:1', 'not json');

      expect((await redis.hkeys(keyTable(prefix).services())).sort()).toEqual([
        'broken@x:1',
        'engine@desk-1:42',
      ]);
      expect((await store.list()).map((b) => b.service)).toEqual(['engine']);
      expect(await store.prune(0)).toBe(1);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
