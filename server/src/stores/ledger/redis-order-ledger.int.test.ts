import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeOrderLedgerContract } from './order-ledger.contract.ts';
import type { OrderLedger } from './order-ledger.ts';
import { createRedisOrderLedger } from './redis-order-ledger.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const redisLedger = (prefix: string): OrderLedger => createRedisOrderLedger(redis, prefix);

describeOrderLedgerContract('order ledger in Redis', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    ledger: redisLedger(prefix),
    reopen: () => redisLedger(prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('order ledger in Redis', () => {
  it('books under <prefix>:order:{<prefix>:paper:positions}:<id> with a TTL', async () => {
    const prefix = testPrefix();
    try {
      await redisLedger(prefix).book('i-0', { status: 'rejected', at: 1 }, null);
      const key = `${prefix}:order:{${prefix}:paper:positions}:i-0`;
      expect(await redis.get(key)).toBe('{"status":"rejected","at":1}');
      expect(await redis.ttl(key)).toBeGreaterThan(0);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });

  it('skips a malformed saved position', async () => {
    const prefix = testPrefix();
    try {
      await redis.hset(`${prefix}:paper:positions`, 'x|BTC/USDT', '{"strategyId":"x"}');
      expect(await redisLedger(prefix).loadPositions()).toEqual([]);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
