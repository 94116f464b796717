import type { Bus } from '../bus/bus.ts';
import type { RedisClient } from '../bus/redis.ts';
import { loadConfig } from '../config/app-config.ts';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { MarketSimulatorConfigSchema } from '../services/market-simulator/config.ts';
import { MarketSimulatorService } from '../services/market-simulator/market-simulator.ts';
import { createRedisStores } from '../stores/redis-stores.ts';

/**
 * Publishes the default seeded market as of `startTimeMs` on `bus`'s prefix, once (ticks, surfaces, daily
 * histories; no timers, no warm-up history): the same call on two prefixes gives the same entries.
 */
export async function publishSeededMarket(bus: Bus, redis: RedisClient, startTimeMs: number): Promise<void> {
  const stores = createRedisStores(redis, { prefix: bus.prefix, maxLen: 10_000 });
  const config = loadConfig({});
  const deps = { bus, stores, clock: systemClock, config, log: silentLogger };
  const simulator = new MarketSimulatorService(
    deps,
    MarketSimulatorConfigSchema.parse({
      ...config.marketSimulator,
      timers: false,
      sentimentPort: null,
      warmupMin: 0,
      startTimeMs,
    }),
  );
  await simulator.start();
  await simulator.close();
}
