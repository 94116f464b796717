import { createVolForecast, createVolSurface } from '@gamma/shared/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { iso, systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { createStrategies } from './core/registry.ts';
import { StrategyRunner } from './strategy-runner.ts';

const admin = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => admin.quit());

describe('StrategyRunner on Redis Streams', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let runner: StrategyRunner;

  beforeEach(async () => {
    prefix = testPrefix();
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
    const strategies = createStrategies(loadConfig({}).strategyRunner.instances, () => randomUUID());
    runner = new StrategyRunner({ bus, clock: systemClock, log: silentLogger, strategies });
    await runner.start();
  });

  afterEach(async () => {
    await runner.close();
    await bus.close();
    await deleteKeys(admin, `${prefix}:*`);
  });

  describe('when a surface and a forecast with Q − P = 0.07 arrive', () => {
    it('publishes a buy_straddle intent on strategy.intent', async () => {
      const now = iso(systemClock.now());
      await bus.publish('market.vol_surface', createVolSurface({ atm_iv: 0.65, timestamp: now }));
      await bus.publish(
        'strategy.forecast.volatility',
        createVolForecast({ predicted_volatility: 0.72, timestamp: now }),
      );

      await expect
        .poll(async () => (await bus.latest('strategy.intent', 10)).map((e) => e.message.action))
        .toEqual(['buy_straddle']);
      const [entry] = await bus.latest('strategy.intent', 1);
      expect(entry?.message).toMatchObject({
        strategy_id: 'pq_vol_trader_btc',
        symbol: 'BTC/USDT',
        intent_type: 'increase_long_gamma',
        direction: 'buy',
        quantity: 0.1,
        reason: 'market_underpricing_volatility',
      });
      expect(entry?.message.intent_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(entry?.message.confidence).toBeCloseTo(0.7, 10);
    });
  });
});
