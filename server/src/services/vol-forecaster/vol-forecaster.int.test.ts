import { VolatilityForecastEventSchema } from '@gamma/shared';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { iso, systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { createVolForecasterService } from './index.ts';
import type { VolForecasterService } from './vol-forecaster.ts';
import { createRedisStores } from '../../stores/redis-stores.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('VolForecasterService on Redis', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let forecaster: VolForecasterService;

  beforeEach(async () => {
    prefix = testPrefix();
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
    const config = loadConfig({ STREAM_PREFIX: prefix });
    forecaster = createVolForecasterService(
      {
        bus,
        clock: systemClock,
        config,
        log: silentLogger,
        stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
      },
      { timers: false },
    );
    await forecaster.start();
  });
  afterEach(async () => {
    await forecaster.close();
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  describe('when fed spot ticks', () => {
    it('publishes valid forecasts for every horizon', async () => {
      const t0 = Date.parse('2026-03-02T09:00:00Z');
      for (let i = 0; i <= 40; i += 1) {
        const price = 3_500 * Math.exp(0.002 * Math.sin(i * 1.7));
        await bus.publish('market.tick', { symbol: 'ETH/USDT', price, timestamp: iso(t0 + i * 5000) });
      }
      await expect.poll(() => forecaster.returnsSeen('ETH/USDT'), { timeout: 10_000 }).toBe(39);
      await forecaster.publishForecasts();
      const forecasts = await bus.latest('strategy.forecast.volatility', 10);
      expect(forecasts.map((e) => e.message.forecast_horizon).sort()).toEqual(['1h', '24h', '7d']);
      for (const { message } of forecasts) {
        expect(VolatilityForecastEventSchema.safeParse(message).success).toBe(true);
        expect(message).toMatchObject({ underlying: 'ETH/USDT', features_used: ['log_returns_5s'] });
        expect(message.predicted_volatility).toBeGreaterThan(0);
        expect(message.confidence).toBeGreaterThan(0);
        expect(message.confidence).toBeLessThanOrEqual(1);
      }
    });
  });
});
