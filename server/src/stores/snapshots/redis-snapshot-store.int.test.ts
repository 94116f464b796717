import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { createRedisSnapshotStore } from './redis-snapshot-store.ts';
import { describeSnapshotStoreContract } from './snapshot-store.contract.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describeSnapshotStoreContract('createRedisSnapshotStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    snapshots: createRedisSnapshotStore(redis, prefix),
    writeRaw: async (owner, text) => {
      await redis.set(keyTable(prefix).snapshot(owner), text);
    },
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('createRedisSnapshotStore', () => {
  it('keeps a snapshot at <prefix>:snapshot:<owner>', async () => {
    const prefix = testPrefix();
    try {
      await createRedisSnapshotStore(redis, prefix).save('engine', {
        schema: 1,
        covers: {},
        takenAtMs: 0,
        state: {},
      });
      expect(JSON.parse((await redis.get(`${prefix}:snapshot:engine`)) ?? 'null')).toMatchObject({
        schema: 1,
      });
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });

  it('names the oldest kept entry once entries were trimmed past the given id, and nothing otherwise', async () => {
    const prefix = testPrefix();
    const key = keyTable(prefix).stream('order.fill');
    const store = createRedisSnapshotStore(redis, prefix);
    try {
      for (let i = 1; i <= 5; i += 1) await redis.xadd(key, `${i}-0`, 'data', '{}');
      expect(await store.trimmedAfter('order.fill', '0-0')).toBeNull();
      await redis.xtrim(key, 'MAXLEN', 2);
      expect(await store.trimmedAfter('order.fill', '0-0')).toBe('4-0');
      expect(await store.trimmedAfter('order.fill', '2-0')).toBe('4-0');
      expect(await store.trimmedAfter('order.fill', '4-0')).toBeNull();
      expect(await store.trimmedAfter('order.fill', '5-0')).toBeNull();
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
