import { afterAll } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeDayStartStoreContract } from './day-start-store.contract.ts';
import { createRedisDayStartStore } from './day-start-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
const other = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(async () => {
  await redis.quit();
  await other.quit();
});

describeDayStartStoreContract('createRedisDayStartStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    store: createRedisDayStartStore(redis, prefix),
    twin: createRedisDayStartStore(other, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});
