import { afterAll } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeLossStreakStoreContract } from './loss-streak-store.contract.ts';
import { createRedisLossStreakStore } from './redis-loss-streak-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
const other = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(async () => {
  await redis.quit();
  await other.quit();
});

describeLossStreakStoreContract('createRedisLossStreakStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    store: createRedisLossStreakStore(redis, prefix),
    twin: createRedisLossStreakStore(other, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});
