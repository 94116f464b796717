import type { StreamInput } from '@gamma/shared';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { systemClock, iso } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { PaperExchange } from './paper-exchange.ts';
import { createRedisStores } from '../../stores/redis-stores.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const order = (): StreamInput<'order.command'> => ({
  strategy_id: 'delta_hedger_btc',
  symbol: 'BTC/USDT:USDT',
  side: 'sell',
  order_type: 'market',
  quantity: 0.25,
  intent_id: 'intent-int-1',
  client_order_id: 'intent-int-1-0',
  timestamp: iso(systemClock.now()),
  metadata: { intent_type: 'delta_hedge' },
});

describe('PaperExchange on Redis', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let exchange: PaperExchange;

  const startExchange = async () => {
    const config = loadConfig({ STREAM_PREFIX: prefix });
    const svc = new PaperExchange(
      {
        bus,
        clock: systemClock,
        config,
        log: silentLogger,
        stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
      },
      { config: { timers: false } },
    );
    await svc.start();
    return svc;
  };

  beforeEach(async () => {
    prefix = testPrefix();
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
    exchange = await startExchange();
  });
  afterEach(async () => {
    await exchange.close();
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  const count = async (name: 'order.fill' | 'position.update') => (await bus.latest(name, 100)).length;

  describe('when the same order command is sent twice', () => {
    it('publishes exactly one fill and one position update', async () => {
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT:USDT',
        price: 100_000,
        timestamp: iso(systemClock.now()),
      });
      await expect.poll(() => exchange.quote('BTC/USDT:USDT')).not.toBeNull();
      await bus.publish('order.command', order());
      await bus.publish('order.command', order());
      await expect.poll(() => count('position.update')).toBe(1);
      // A third command after both were handled proves the duplicate was consumed, not still queued.
      await bus.publish('order.command', {
        ...order(),
        client_order_id: 'intent-int-2-0',
        intent_id: 'intent-int-2',
      });
      await expect.poll(() => count('position.update')).toBe(2);
      expect(await count('order.fill')).toBe(2);
      const [fill] = await bus.latest('order.fill', 1);
      expect(fill?.message).toMatchObject({ order_id: 'paper-intent-int-2-0', side: 'sell', price: 99_990 });
    });
  });

  describe('when the exchange restarts', () => {
    it('does not refill an order it already filled', async () => {
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT:USDT',
        price: 100_000,
        timestamp: iso(systemClock.now()),
      });
      await expect.poll(() => exchange.quote('BTC/USDT:USDT')).not.toBeNull();
      await bus.publish('order.command', order());
      await expect.poll(() => count('order.fill')).toBe(1);
      await exchange.close();
      exchange = await startExchange();
      expect(await exchange.positions()).toEqual([
        expect.objectContaining({
          strategyId: 'delta_hedger_btc',
          position: expect.objectContaining({ quantity: -0.25 }),
        }),
      ]);
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT:USDT',
        price: 100_000,
        timestamp: iso(systemClock.now()),
      });
      await expect.poll(() => exchange.quote('BTC/USDT:USDT')).not.toBeNull();
      await bus.publish('order.command', order());
      await bus.publish('order.command', {
        ...order(),
        client_order_id: 'intent-int-3-0',
        intent_id: 'intent-int-3',
      });
      await expect.poll(() => count('order.fill')).toBe(2);
      const fills = (await bus.latest('order.fill', 10)).map((e) => e.message.client_order_id);
      expect(fills).toEqual(['intent-int-3-0', 'intent-int-1-0']);
    });
  });

  describe('when two exchange processes fill orders of one position at once', () => {
    it('books every fill into the position: none is booked over another', async () => {
      const other = createRedis(TEST_REDIS_URL, { log: silentLogger });
      const otherBus = createRedisStreamsBus({
        url: TEST_REDIS_URL,
        prefix,
        blockMs: 100,
        log: silentLogger,
      });
      const second = new PaperExchange(
        {
          bus: otherBus,
          clock: systemClock,
          config: loadConfig({ STREAM_PREFIX: prefix }),
          log: silentLogger,
          stores: createRedisStores(other, { prefix, maxLen: 1000 }),
        },
        { config: { timers: false } },
      );
      try {
        await second.start();
        await bus.publish('market.tick', {
          symbol: 'BTC/USDT',
          price: 100_000,
          timestamp: iso(systemClock.now()),
        });
        await expect.poll(() => exchange.quote('BTC/USDT')).not.toBeNull();
        await expect.poll(() => second.quote('BTC/USDT')).not.toBeNull();
        const orders = Array.from({ length: 30 }, (_, i) => ({
          ...order(),
          strategy_id: 'grid_btc',
          symbol: 'BTC/USDT',
          side: 'buy' as const,
          quantity: 0.1,
          intent_id: `race-${i}`,
          client_order_id: `race-${i}-0`,
        }));
        await Promise.all(orders.map((o) => bus.publish('order.command', o)));
        await expect.poll(() => count('order.fill'), { timeout: 20_000 }).toBe(30);
        const [held] = await exchange.positions();
        expect(held?.position.quantity).toBeCloseTo(3, 9);
        expect(held?.position.avgPrice).toBeGreaterThan(0);
      } finally {
        await second.close();
        await otherBus.close();
        await other.quit();
      }
    });
  });
});
