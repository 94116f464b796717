import type { StreamMessage, StreamName } from '@gamma/shared';
import { createOrderFill } from '@gamma/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEntry } from '../../bus/codec.ts';
import { createRedis } from '../../bus/redis.ts';
import { keyTable, streamKey } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { describeOnceMarksContract } from './once-marks.contract.ts';
import { createRedisOnceMarks } from './redis-once-marks.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

async function readStream<TName extends StreamName>(
  prefix: string,
  name: TName,
): Promise<StreamMessage<TName>[]> {
  const entries = await redis.xrange(streamKey(prefix, name), '-', '+');
  return entries.flatMap(([, fields]) => {
    const decoded = decodeEntry(name, fields, 0);
    return decoded.ok ? [decoded.message] : [];
  });
}

describeOnceMarksContract('createRedisOnceMarks', () => {
  const prefix = testPrefix();
  return Promise.resolve({
    once: createRedisOnceMarks(redis, { prefix, maxLen: 1000 }),
    read: (name) => readStream(prefix, name),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('createRedisOnceMarks', () => {
  it('keeps the done-mark in the stream slot with a TTL, and trims the stream like the bus', async () => {
    const prefix = testPrefix();
    const once = createRedisOnceMarks(redis, { prefix, maxLen: 1 });
    try {
      for (let i = 0; i < 300; i += 1) {
        const messages = [createOrderFill({ client_order_id: `c-${i}` })];
        await once.append({ stream: 'order.fill', scope: 'order', key: `c-${i}`, messages, ttlS: 3600 });
      }
      const mark = keyTable(prefix).effectDone('order.fill', 'order', 'c-0');
      expect(mark).toBe(`${prefix}:done:{${prefix}:order.fill}:order:c-0`);
      const ttl = await redis.ttl(mark);
      expect(ttl).toBeGreaterThan(3000);
      expect(ttl).toBeLessThanOrEqual(3600);
      // MAXLEN ~ trims whole macro nodes (100 entries by default), never below the bound
      expect(await redis.xlen(streamKey(prefix, 'order.fill'))).toBeLessThan(300);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });

  it('keeps a recorded outcome under <prefix>:<scope>:<key> with a TTL', async () => {
    const prefix = testPrefix();
    try {
      await createRedisOnceMarks(redis, { prefix, maxLen: 10 }).record('exec', 'i-0', {
        outcome: 'p',
        ttlS: 3600,
      });
      expect(await redis.get(`${prefix}:exec:i-0`)).toBe('p');
      expect(await redis.ttl(`${prefix}:exec:i-0`)).toBeGreaterThan(3000);
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
