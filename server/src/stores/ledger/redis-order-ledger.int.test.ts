import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { createRedisOnceMarks } from '../once/redis-once-marks.ts';
import { describeOrderLedgerContract } from './order-ledger.contract.ts';
import { createOrderLedger, type OrderLedger } from './order-ledger.ts';
import { createRedisPaperPositions } from './redis-paper-positions.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const redisLedger = (prefix: string): OrderLedger =>
  createOrderLedger(createRedisOnceMarks(redis, prefix), createRedisPaperPositions(redis, prefix));

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
  it('claims under <prefix>:order:<id> with a TTL', async () => {
    const prefix = testPrefix();
    try {
      await redisLedger(prefix).claim('i-0');
      expect(await redis.get(`${prefix}:order:i-0`)).toBe('claimed');
      expect(await redis.ttl(`${prefix}:order:i-0`)).toBeGreaterThan(0);
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
