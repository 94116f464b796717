import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeOnceMarksContract } from './once-marks.contract.ts';
import { createRedisOnceMarks } from './redis-once-marks.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describeOnceMarksContract('createRedisOnceMarks', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    once: createRedisOnceMarks(redis, prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('createRedisOnceMarks', () => {
  it('keeps a mark under <prefix>:<scope>:<key> with a TTL', async () => {
    const prefix = testPrefix();
    try {
      await createRedisOnceMarks(redis, prefix).claim('exec', 'i-0', 3600);
      expect(await redis.get(`${prefix}:exec:i-0`)).toBe('claimed');
      const ttl = await redis.ttl(`${prefix}:exec:i-0`);
      expect(ttl).toBeGreaterThan(3000);
      expect(ttl).toBeLessThanOrEqual(3600);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
