import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { createOrderLedger, type OrderLedger } from './order-ledger.ts';
import { createRedis } from './redis.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('createOrderLedger', () => {
  let prefix: string;
  let ledger: OrderLedger;

  beforeEach(() => {
    prefix = testPrefix();
    ledger = createOrderLedger(redis, prefix);
  });
  afterEach(() => deleteKeys(redis, `${prefix}:*`));

  describe('when the same client_order_id is claimed twice', () => {
    it('grants the first claim only, under <prefix>:order:<id>', async () => {
      const claims = await Promise.all([ledger.claim('i-0'), ledger.claim('i-0')]);
      expect(claims.sort()).toEqual([false, true]);
      expect(await redis.get(`${prefix}:order:i-0`)).toBe('claimed');
      expect(await redis.ttl(`${prefix}:order:i-0`)).toBeGreaterThan(0);
    });
  });

  describe('when an outcome is recorded', () => {
    it('stores it beside the claim and keeps the id claimed', async () => {
      await ledger.claim('i-0');
      expect(await ledger.outcome('i-0')).toBeNull();
      await ledger.recordOutcome('i-0', { status: 'filled', price: 10, quantity: 1, fee: 0.01, at: 5 });
      expect(await ledger.outcome('i-0')).toEqual({
        status: 'filled',
        price: 10,
        quantity: 1,
        fee: 0.01,
        at: 5,
      });
      expect(await ledger.claim('i-0')).toBe(false);
    });
  });

  describe('when a claim is released', () => {
    it('can be claimed again', async () => {
      await ledger.claim('i-1');
      await ledger.release('i-1');
      expect(await ledger.claim('i-1')).toBe(true);
    });
  });

  describe('when positions are saved', () => {
    it('loads open ones and forgets flat ones', async () => {
      await ledger.savePosition({
        strategyId: 'a',
        symbol: 'BTC/USDT',
        quantity: 1,
        avgPrice: 10,
        realizedPnl: 0,
      });
      await ledger.savePosition({
        strategyId: 'b',
        symbol: 'BTC/USDT',
        quantity: 2,
        avgPrice: 11,
        realizedPnl: 1,
      });
      await ledger.savePosition({
        strategyId: 'b',
        symbol: 'BTC/USDT',
        quantity: 0,
        avgPrice: 0,
        realizedPnl: 3,
      });
      expect(await createOrderLedger(redis, prefix).loadPositions()).toEqual([
        { strategyId: 'a', symbol: 'BTC/USDT', quantity: 1, avgPrice: 10, realizedPnl: 0 },
      ]);
    });
  });
});
