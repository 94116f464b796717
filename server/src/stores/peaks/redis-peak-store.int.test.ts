import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describePeakStoreContract } from './peak-store.contract.ts';
import { createRedisPeakStore } from './peak-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describePeakStoreContract('createRedisPeakStore', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    peaks: createRedisPeakStore(redis, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('createRedisPeakStore', () => {
  it('reads a value that is not a number as no peak', async () => {
    const prefix = testPrefix();
    try {
      await redis.set(`${prefix}:risk:peak_equity`, 'oops');
      expect(await createRedisPeakStore(redis, prefix).load()).toBeNull();
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
