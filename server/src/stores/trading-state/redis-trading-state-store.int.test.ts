import { TradingStateEventSchema, type TradingStateEvent } from '@gamma/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { createRedisOnceMarks } from '../once/redis-once-marks.ts';
import { createRedisTradingStateStore } from './redis-trading-state-store.ts';
import { describeTradingStateStoreContract } from './trading-state-store.contract.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const eventsOf = async (prefix: string): Promise<TradingStateEvent[]> => {
  const entries = await redis.xrange(keyTable(prefix).stream('risk.trading_state'), '-', '+');
  return entries.map(([, fields]) => TradingStateEventSchema.parse(JSON.parse(fields[1] ?? '')));
};

describeTradingStateStoreContract('createRedisTradingStateStore', () => {
  const prefix = testPrefix();
  const once = createRedisOnceMarks(redis, { prefix, maxLen: 1000 });
  return Promise.resolve({
    open: (marks = once) => createRedisTradingStateStore(redis, { prefix, once: marks }),
    once,
    events: () => eventsOf(prefix),
    dispose: async () => {
      await deleteKeys(redis, `${prefix}:*`);
    },
  });
});

describe('createRedisTradingStateStore', () => {
  it('keeps one hash of JSON records the reserve script can read, and an empty outbox once published', async () => {
    const prefix = testPrefix();
    const keys = keyTable(prefix);
    try {
      const store = createRedisTradingStateStore(redis, {
        prefix,
        once: createRedisOnceMarks(redis, { prefix, maxLen: 1000 }),
      });
      const at = '2026-12-05T17:00:00.000Z';
      await store.set({ scope: 'underlying', key: 'BTC', state: 'HALTED', reason: 'r', changedBy: 'a', at });
      expect(keys.tradingState()).toBe(`${prefix}:risk:{${prefix}:reservations}:trading_state`);
      expect(await redis.hgetall(keys.tradingState())).toEqual({
        'underlying:BTC': JSON.stringify({
          state: 'HALTED',
          previous: 'ACTIVE',
          reason: 'r',
          changed_by: 'a',
          since: at,
        }),
      });
      expect(await redis.hgetall(keys.tradingStateOutbox())).toEqual({ seq: '1' });
      // A restart keeps the state: it is read from Redis by a new store
      const again = createRedisTradingStateStore(redis, {
        prefix,
        once: createRedisOnceMarks(redis, { prefix, maxLen: 1000 }),
      });
      expect((await again.list()).map((s) => [s.scope, s.key, s.state])).toEqual([
        ['underlying', 'BTC', 'HALTED'],
      ]);
      // The reserve script's read: cjson over the field
      const state = await redis.eval(
        "return cjson.decode(redis.call('HGET', KEYS[1], ARGV[1])).state",
        1,
        keys.tradingState(),
        'underlying:BTC',
      );
      expect(state).toBe('HALTED');
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
