import { VolatilitySurfaceEventSchema } from '@gamma/shared';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import type { MarketSimulatorConfigInput } from './config.ts';
import { createMarketSimulatorService } from './index.ts';
import type { MarketSimulatorService } from './market-simulator.ts';
import { createRedisStores } from '../../stores/redis-stores.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('MarketSimulatorService on Redis', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let simulator: MarketSimulatorService | null = null;

  const start = async (overrides: MarketSimulatorConfigInput) => {
    const config = loadConfig({ STREAM_PREFIX: prefix });
    simulator = createMarketSimulatorService(
      {
        bus,
        clock: systemClock,
        config,
        log: silentLogger,
        stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
      },
      overrides,
    );
    await simulator.start();
    return simulator;
  };

  beforeEach(() => {
    prefix = testPrefix();
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
  });
  afterEach(async () => {
    await simulator?.close();
    simulator = null;
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  describe('when it starts', () => {
    it('writes ticks and surfaces that pass their schemas', async () => {
      await start({ timers: false, sentimentPort: null, warmupMin: 0 });
      const ticks = await bus.latest('market.tick', 10);
      expect(ticks.map((e) => e.message.symbol).sort()).toEqual([
        'BTC/USDT',
        'BTC/USDT:USDT',
        'ETH/USDT',
        'ETH/USDT:USDT',
      ]);
      const surfaces = await bus.latest('market.vol_surface', 10);
      expect(surfaces).toHaveLength(2);
      for (const { message } of surfaces) {
        expect(VolatilitySurfaceEventSchema.safeParse(message).success).toBe(true);
        expect(message.surface_data.length).toBeGreaterThanOrEqual(72);
        expect(message.atm_expiry).not.toBeNull();
        expect(Object.keys(message.rr_25d ?? {})).toHaveLength(Object.keys(message.forwards ?? {}).length);
      }
    });
  });

  describe('when the tick stream is empty', () => {
    it('writes the warm-up history, oldest first, before the first live ticks', async () => {
      await start({ timers: false, sentimentPort: null, warmupMin: 2 });
      const ticks = (await bus.latest('market.tick', 1000)).reverse().map((e) => e.message);
      expect(ticks).toHaveLength(120 * 4 + 4);
      const times = ticks.map((t) => Date.parse(t.timestamp));
      expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
      expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBe(120_000);
      expect(ticks[0]?.price).toBe(100_000);
    });
  });

  describe('when restarted on the same streams', () => {
    it('continues every symbol from its last price', async () => {
      const first = await start({ timers: false, sentimentPort: null, warmupMin: 1 });
      const before = await bus.latest('market.tick', 4);
      await first.close();
      await start({ timers: false, sentimentPort: null, warmupMin: 1 });
      const after = await bus.latest('market.tick', 4);
      const priceBySymbol = (entries: typeof before) =>
        Object.fromEntries(entries.map((e) => [e.message.symbol, Math.round(e.message.price * 1e6) / 1e6]));
      expect(priceBySymbol(after)).toEqual(priceBySymbol(before));
      expect(await redis.xlen(`${prefix}:market.tick`)).toBe(60 * 4 + 4 + 4);
    });
  });

  describe('when its timers run', () => {
    it('keeps publishing ticks at the configured rate', async () => {
      await start({ tickIntervalMs: 20, surfaceIntervalS: 0.05, sentimentPort: null, warmupMin: 0 });
      await expect
        .poll(async () => (await bus.latest('market.tick', 100)).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(20);
      await expect
        .poll(async () => (await bus.latest('market.vol_surface', 10)).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(4);
    });
  });
});
