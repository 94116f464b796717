import { createPortfolioRisk } from '@gamma/shared/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { iso, systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { MarketSimulatorConfigSchema } from '../services/market-simulator/config.ts';
import { MarketSimulatorService } from '../services/market-simulator/market-simulator.ts';
import { createStrategies } from '../services/strategy-runner/core/registry.ts';
import { StrategyRunner } from '../services/strategy-runner/strategy-runner.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

// The demo's path: the simulator offers a seeded daily history on `market.daily_history`, the runner's S1
// takes it in and trades on the first ticks instead of after 52 days of them.
describe('S1 with the simulator’s daily history, on Redis', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let stores: Stores;
  const running: { close(): Promise<void> }[] = [];

  const deps = () => ({
    bus,
    clock: systemClock,
    config: loadConfig({ STREAM_PREFIX: prefix, STRATEGIES: 's1:BTC/USDT' }),
    log: silentLogger,
    stores,
  });

  const startSimulator = async () => {
    const d = deps();
    const config = MarketSimulatorConfigSchema.parse({
      ...d.config.marketSimulator,
      timers: false,
      sentimentPort: null,
      // A warm-up moves the price before the live ticks: the history ends where they begin
      warmupMin: 5,
    });
    const simulator = new MarketSimulatorService(d, config);
    await simulator.start();
    running.push(simulator);
    return simulator;
  };

  const startRunner = async () => {
    const d = deps();
    const strategies = createStrategies(d.config.strategyRunner.instances, () => randomUUID());
    const runner = new StrategyRunner({ ...d, strategies, snapshots: stores.snapshots });
    await runner.start();
    running.push(runner);
    return runner;
  };

  const s1Of = (runner: StrategyRunner) => runner.snapshot()['s1_btc'];

  beforeEach(() => {
    prefix = testPrefix();
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger });
    stores = createRedisStores(redis, { prefix, maxLen: 1000 });
  });
  afterEach(async () => {
    for (const service of running.splice(0).reverse()) await service.close();
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  it('S1 emits a buy below the 52-day low on the first ticks', async () => {
    const simulator = await startSimulator();
    const runner = await startRunner();
    await bus.publish(
      'portfolio.risk',
      createPortfolioRisk({ timestamp: iso(systemClock.now()), metadata: { total_value: 100_000 } }),
    );
    await expect.poll(() => s1Of(runner)?.equity).toBe(100_000);

    await expect
      .poll(async () => {
        await simulator.step(systemClock.now());
        return (await bus.latest('strategy.intent', 10)).map((e) => e.message.reason);
      })
      .toContain('s1_below_daily_low');
    const [intent] = await bus.latest('strategy.intent', 1);
    expect(intent?.message).toMatchObject({
      strategy_id: 's1_btc',
      action: 'buy',
      intent_type: 's1_rebalance',
    });
    expect(intent?.message.quantity).toBeGreaterThan(0);
    const low = intent?.message.metadata.s1_low as number;
    expect(intent?.message.metadata.reference_price).toBeLessThan(low);
  });

  it('keeps the history through a restart of the runner, with or without its snapshot', async () => {
    await startSimulator();
    const first = await startRunner();
    await expect.poll(() => s1Of(first)?.completed_days).toBe(52);
    await first.close();
    running.splice(running.indexOf(first), 1);

    const second = await startRunner();
    expect(s1Of(second)?.completed_days).toBe(52);
    await second.close();
    running.splice(running.indexOf(second), 1);

    await deleteKeys(redis, `${prefix}:snapshot:*`);
    const third = await startRunner();
    expect(s1Of(third)?.completed_days).toBe(52);
  });

  it('offers the history once per underlying: a restarted simulator does not replace it', async () => {
    const simulator = await startSimulator();
    const first = await bus.latest('market.daily_history', 10);
    expect(first.map((e) => e.message.symbol).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(first.every((e) => e.message.bars.length === 60 && e.message.source === 'simulator')).toBe(true);
    await simulator.close();
    running.splice(running.indexOf(simulator), 1);

    await startSimulator();
    expect((await bus.latest('market.daily_history', 10)).map((e) => e.id)).toEqual(first.map((e) => e.id));
  });
});
