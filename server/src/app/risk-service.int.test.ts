import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { iso, systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { PaperExchange } from '../services/paper-exchange/paper-exchange.ts';
import { RiskService } from '../services/risk-service/risk-service.ts';
import { createRedisStores } from '../stores/redis-stores.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('RiskService on Redis', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let risk: RiskService;
  let exchange: PaperExchange;

  beforeEach(async () => {
    prefix = testPrefix();
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
    const deps = {
      bus,
      clock: systemClock,
      config: loadConfig({ STREAM_PREFIX: prefix, SENTIMENT_API_URLS: '', ONCHAIN_URL: '' }),
      log: silentLogger,
      stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
    };
    risk = new RiskService(deps, { config: { timers: false } });
    exchange = new PaperExchange(deps, { config: { timers: false } });
    await risk.start();
    await exchange.start();
  });
  afterEach(async () => {
    await exchange.close();
    await risk.close();
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  describe('when an order is filled by the paper exchange', () => {
    it("publishes portfolio.risk showing the position's delta, and persists the peak", async () => {
      const now = iso(systemClock.now());
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT',
        price: 100_000,
        bid: 99_990,
        ask: 100_010,
        timestamp: now,
      });
      await expect.poll(() => exchange.quote('BTC/USDT')).not.toBeNull();
      await expect.poll(() => risk.spot('BTC/USDT')).toBe(100_000);
      await bus.publish('order.command', {
        strategy_id: 'grid_btc',
        symbol: 'BTC/USDT',
        side: 'buy',
        order_type: 'market',
        quantity: 0.2,
        intent_id: 'intent-risk-1',
        client_order_id: 'intent-risk-1-0',
        timestamp: now,
        metadata: {},
      });
      const btcRisk = async () =>
        (await bus.latest('portfolio.risk', 10)).find((e) => e.message.underlying === 'BTC/USDT')?.message;
      await expect.poll(async () => (await btcRisk())?.total_delta).toBeCloseTo(0.2, 12);
      const latest = await btcRisk();
      expect(latest?.metadata).toMatchObject({ num_positions: 1 });
      expect(latest?.metadata.delta_usd).toBeCloseTo(0.2 * 100_000, 6);
      expect(Number(await redis.get(`${prefix}:risk:peak_equity`))).toBeGreaterThan(0);
    });
  });
});
