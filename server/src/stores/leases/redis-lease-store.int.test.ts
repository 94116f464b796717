import { afterAll } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeLeaseStoreContract } from './lease-store.contract.ts';
import { createRedisLeaseStore } from './lease-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describeLeaseStoreContract('createRedisLeaseStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    leases: createRedisLeaseStore(redis, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});
