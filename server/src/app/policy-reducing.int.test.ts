import type { StreamName } from '@gamma/shared';
import { createMacroState, createStrategyIntent, createTestSurface } from '@gamma/shared/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { FakeClock, iso } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { EngineService } from '../services/engine/engine-service.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';

const NOW = '2026-03-02T09:15:04.120Z';
const ENGINES = 3;
const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

/**
 * `APPROVAL_MODE=policy` through Redis with several engine processes (issue 9 item 5): an extreme macro
 * state sets the global REDUCING once, a calm one lifts it once, and the engines refuse an
 * exposure-increasing intent in between.
 */
describe('the approval policy moves the global trading state once across engines', () => {
  let prefix: string;
  let clock: FakeClock;
  let buses: RedisStreamsBus[];
  let engines: EngineService[];
  let stores: Stores & { bus: RedisStreamsBus };

  const all = async <T extends StreamName>(name: T) =>
    (await stores.bus.latest(name, 100)).reverse().map((e) => e.message);
  const global = async () => (await stores.tradingStates.list()).find((s) => s.scope === 'global');
  const macro = (regime: string, fomo: number) =>
    stores.bus.publish(
      'market.macro_state',
      createMacroState({ macro_regime: regime, fomo_score: fomo, timestamp: iso(clock.now()) }),
    );
  const everyEngineSees = (fomo: number) =>
    expect.poll(() => engines.every((e) => e.stateView().macro?.fomo === fomo)).toBe(true);

  beforeEach(async () => {
    prefix = testPrefix();
    clock = new FakeClock(Date.parse(NOW));
    const config = loadConfig({ STREAM_PREFIX: prefix, APPROVAL_MODE: 'policy' });
    const bus = () =>
      createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger, clock });
    stores = { ...createRedisStores(redis, { prefix, maxLen: 1000 }), bus: bus() };
    buses = [];
    engines = [];
    for (let i = 0; i < ENGINES; i += 1) {
      const own = bus();
      const engine = new EngineService(
        {
          bus: own,
          clock,
          config,
          log: silentLogger,
          stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
        },
        { timers: false },
      );
      await engine.start();
      buses.push(own);
      engines.push(engine);
    }
  });

  afterEach(async () => {
    for (const engine of engines) await engine.close();
    for (const bus of buses) await bus.close();
    await stores.bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  it('sets REDUCING at extreme and lifts it when calm, one event each', async () => {
    await macro('panic', 0.9);
    await expect.poll(global).toMatchObject({ state: 'REDUCING', changed_by: 'approval_policy' });
    await everyEngineSees(0.9);
    await macro('high_vol_bull', 0.85);
    await everyEngineSees(0.85);

    const at = iso(clock.now());
    await stores.bus.publish('market.vol_surface', createTestSurface({}, at));
    await stores.bus.publish('market.tick', {
      symbol: 'BTC/USDT',
      price: 100_000,
      volume: 0,
      bid: 100_000,
      ask: 100_000,
      timestamp: at,
      metadata: {},
    });
    // the engines read the market before the intent: every tail has caught up when it is decided
    await stores.bus.publish(
      'strategy.intent',
      createStrategyIntent({
        intent_id: 'grow-1',
        strategy_id: 'grid_btc',
        action: 'buy',
        quantity: 0.01,
        timestamp: at,
      }),
    );
    await expect
      .poll(async () => (await all('intent.decision')).find((d) => d.intent_id === 'grow-1'))
      .toMatchObject({ status: 'vetoed', reason_codes: ['TRADING_REDUCING'] });

    await macro('bull', 0.1);
    await expect.poll(global).toMatchObject({ state: 'ACTIVE', changed_by: 'approval_policy' });
    await everyEngineSees(0.1);
    await expect
      .poll(async () => (await all('risk.trading_state')).map((e) => [e.previous, e.state, e.changed_by]))
      .toEqual([
        ['ACTIVE', 'REDUCING', 'approval_policy'],
        ['REDUCING', 'ACTIVE', 'approval_policy'],
      ]);
  });

  it('never lifts a HALTED a person set during the extreme market', async () => {
    await macro('chop', 0.95);
    await expect.poll(global).toMatchObject({ state: 'REDUCING' });
    await stores.tradingStates.set({
      scope: 'global',
      key: null,
      state: 'HALTED',
      reason: 'exchange incident',
      changedBy: 'alice',
      at: iso(clock.now()),
    });
    await macro('bull', 0.1);
    await everyEngineSees(0.1);
    expect(await global()).toMatchObject({ state: 'HALTED', changed_by: 'alice' });
    expect((await all('risk.trading_state')).map((e) => e.changed_by)).toEqual(['approval_policy', 'alice']);
  });
});
