import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { MarketSimulatorConfigSchema } from '../services/market-simulator/config.ts';
import { MarketSimulatorService } from '../services/market-simulator/market-simulator.ts';
import { RiskService } from '../services/risk-service/risk-service.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

// The risk service reads on-chain activity from the simulator's HTTP endpoint on loopback. The endpoint
// goes away (the simulator stops) and comes back on the same port; the clock is a FakeClock, so the
// breaker's cool-down and the staleness are crossed without waiting.
describe('on-chain activity behind a circuit breaker, on Redis', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let stores: Stores;
  let clock: FakeClock;
  let simulator: MarketSimulatorService | null = null;
  let risk: RiskService | null = null;
  const requests: string[] = [];

  const startSimulator = async (port: number) => {
    const config = loadConfig({ STREAM_PREFIX: prefix });
    simulator = new MarketSimulatorService(
      { bus, clock, config, log: silentLogger, stores },
      MarketSimulatorConfigSchema.parse({
        ...config.marketSimulator,
        timers: false,
        sentimentPort: port,
        warmupMin: 0,
        dailyHistoryDays: 0,
      }),
    );
    await simulator.start();
    return simulator.sentimentPort ?? 0;
  };

  const stopSimulator = async () => {
    await simulator?.close();
    simulator = null;
  };

  const lastMacro = async () => (await bus.latest('market.macro_state', 1))[0]?.message;

  /** One macro broadcast at `t` seconds after the start; the macro state it published on Redis. */
  const broadcastAt = async (t: number) => {
    clock.set(Date.parse('2026-03-02T09:00:00Z') + t * 1000);
    await risk?.runMacro();
    return lastMacro();
  };

  beforeEach(async () => {
    prefix = testPrefix();
    clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
    stores = createRedisStores(redis, { prefix, maxLen: 1000 });
    requests.length = 0;
  });
  afterEach(async () => {
    await risk?.close();
    risk = null;
    await stopSimulator();
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  it('opens after the threshold of failed readings, publishes on with the value stale, closes on recovery', async () => {
    const port = await startSimulator(0);
    const config = loadConfig({
      STREAM_PREFIX: prefix,
      SENTIMENT_API_URLS: '',
      ONCHAIN_URL: `http://127.0.0.1:${port}`,
      ONCHAIN_RETRIES: '1',
      ONCHAIN_RETRY_BACKOFF_MS: '0',
      ONCHAIN_BREAKER_THRESHOLD: '2',
      ONCHAIN_BREAKER_COOLDOWN_S: '60',
      ONCHAIN_STALE_S: '90',
    });
    const fetchCounted = (url: string, init: { signal: AbortSignal }) => {
      requests.push(url);
      return fetch(url, init);
    };
    risk = new RiskService(
      { bus, clock, config, log: silentLogger, stores },
      { config: { timers: false }, fetch: fetchCounted },
    );
    await risk.start();

    const fresh = await broadcastAt(0);
    expect(fresh?.onchain_activity).toBeGreaterThan(0);
    expect(fresh).toMatchObject({
      onchain_age_s: 0,
      metadata: { onchain_breaker: 'closed', onchain_stale: false },
    });
    expect(requests).toEqual([`http://127.0.0.1:${port}/api/v1/onchain/activity?asset=BTC`]);

    await stopSimulator();
    // First failed reading (a request and its retry): the last value goes on, 30 s old
    expect(await broadcastAt(30)).toMatchObject({
      onchain_activity: fresh?.onchain_activity,
      onchain_age_s: 30,
      metadata: { onchain_breaker: 'closed', onchain_stale: false },
    });
    // Second: the breaker opens
    expect(await broadcastAt(60)).toMatchObject({ onchain_age_s: 60, metadata: { onchain_breaker: 'open' } });
    expect(requests).toHaveLength(5);

    // Open: nothing is asked; the reading is now older than ONCHAIN_STALE_S, so the value is dropped
    const stale = await broadcastAt(100);
    expect(stale).toMatchObject({
      onchain_activity: null,
      onchain_age_s: 100,
      macro_regime: expect.any(String),
      metadata: { onchain_breaker: 'open', onchain_stale: true },
    });
    expect(requests).toHaveLength(5);

    // The endpoint is back; after the cool-down one trial goes, succeeds and closes the breaker
    await startSimulator(port);
    const recovered = await broadcastAt(120);
    expect(recovered?.onchain_activity).toBeGreaterThan(0);
    expect(recovered).toMatchObject({
      onchain_age_s: 0,
      metadata: { onchain_breaker: 'closed', onchain_stale: false },
    });
    expect(requests).toHaveLength(6);
  });
});
