import type { StreamInput } from '@gamma/shared';
import { createStrategyIntent } from '@gamma/shared/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { EngineService } from '../services/engine/engine-service.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';

// Eight engine processes (each its own Redis connections and consumer) race for the shared capacities of
// one strategy: the reserve script checks and takes them in one step, so no more than the limit is approved.
const ENGINES = 8;
const INTENTS = 400;
const NOW = '2026-03-02T09:15:04.120Z';
const admin = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => admin.quit());

let prefix = '';
let running: {
  engines: EngineService[];
  buses: RedisStreamsBus[];
  clients: ReturnType<typeof createRedis>[];
} | null = null;
afterEach(async () => {
  if (running) {
    await Promise.all(running.engines.map((e) => e.close()));
    await Promise.all(running.buses.map((b) => b.close()));
    await Promise.all(running.clients.map((c) => c.quit()));
  }
  running = null;
  await deleteKeys(admin, `${prefix}:*`);
});

const buy = (i: number): StreamInput<'strategy.intent'> => ({
  ...createStrategyIntent({ intent_id: `race-${i}`, timestamp: NOW }),
  strategy_id: 'grid_btc',
  intent_type: 'legacy_signal',
  action: 'buy',
  symbol: 'BTC/USDT',
  direction: 'buy',
  quantity: 0.01,
  metadata: {},
});

/** Starts the engines on a fresh prefix (auto approval, a BTC tick at 100 000, the clock still). */
async function race(env: Record<string, string>): Promise<{ approved: number; vetoed: Map<string, number> }> {
  prefix = testPrefix();
  const clock = new FakeClock(Date.parse(NOW));
  const config = loadConfig({
    STREAM_PREFIX: prefix,
    APPROVAL_MODE: 'auto',
    STRATEGIES: 'grid:BTC/USDT',
    RISK_DUPLICATE_WINDOW_S: '0',
    RISK_MAX_POSITION_QTY: 'BTC:1000',
    RISK_MAX_SINGLE_POSITION_PCT: '100',
    RISK_MAX_POSITION_RATIO: '100',
    RISK_MAX_GROSS_LEVERAGE: '100',
    ...env,
  });
  const clients = Array.from({ length: ENGINES }, () => createRedis(TEST_REDIS_URL, { log: silentLogger }));
  const buses = clients.map((_, i) =>
    createRedisStreamsBus({
      url: TEST_REDIS_URL,
      prefix,
      blockMs: 100,
      log: silentLogger,
      clock,
      consumerName: `engine-${i}`,
    }),
  );
  await buses[0]?.publish('market.tick', {
    symbol: 'BTC/USDT',
    price: 100_000,
    volume: 0,
    bid: 100_000,
    ask: 100_000,
    timestamp: NOW,
    metadata: {},
  });
  const engines = clients.map(
    (redis, i) =>
      new EngineService(
        {
          bus: buses[i] as RedisStreamsBus,
          clock,
          config,
          log: silentLogger,
          stores: createRedisStores(redis, { prefix, maxLen: 100_000 }),
        },
        { timers: false },
      ),
  );
  running = { engines, buses, clients };
  await Promise.all(engines.map((e) => e.start()));
  for (let i = 0; i < INTENTS; i += 1) await buses[i % ENGINES]?.publish('strategy.intent', buy(i));
  const decisions = async () => (await buses[0]?.latest('intent.decision', INTENTS * 2)) ?? [];
  await expect
    .poll(async () => (await decisions()).length, { timeout: 120_000, interval: 250 })
    .toBe(INTENTS);
  const all = (await decisions()).map((e) => e.message);
  const vetoed = new Map<string, number>();
  for (const d of all) for (const code of d.reason_codes) vetoed.set(code, (vetoed.get(code) ?? 0) + 1);
  return { approved: all.filter((d) => d.status === 'approved').length, vetoed };
}

describe(`${ENGINES} engine processes racing ${INTENTS} intents of one strategy`, () => {
  it('order_rate: approve exactly RISK_MAX_ORDERS_PER_S_PER_STRATEGY on a still clock, the rest RATE_LIMITED', async () => {
    const { approved, vetoed } = await race({
      RISK_MAX_ORDERS_PER_S: '1000',
      RISK_MAX_ORDERS_PER_S_PER_STRATEGY: '10',
    });
    console.info(
      `order_rate race: ${approved} approved of ${INTENTS}, limit 10; vetoes ${JSON.stringify([...vetoed])}`,
    );
    expect(approved).toBe(10);
    expect(vetoed.get('RATE_LIMITED')).toBe(INTENTS - 10);
  }, 180_000);

  it('strategy_budget: approve no more notional than STRATEGY_<ID>_MAX_NOTIONAL_USD, the rest STRATEGY_BUDGET_EXCEEDED', async () => {
    // 0.01 BTC at 100 000 = 1 000 USD an intent: 25 fit in 25 000
    const { approved, vetoed } = await race({
      RISK_MAX_ORDERS_PER_S: '100000',
      RISK_MAX_ORDERS_PER_S_PER_STRATEGY: '100000',
      STRATEGY_GRID_BTC_MAX_NOTIONAL_USD: '25000',
    });
    console.info(
      `strategy_budget race: ${approved} approved of ${INTENTS} (${approved * 1000} USD), limit 25000; vetoes ${JSON.stringify([...vetoed])}`,
    );
    expect(approved).toBe(25);
    expect(vetoed.get('STRATEGY_BUDGET_EXCEEDED')).toBe(INTENTS - 25);
  }, 180_000);
});
