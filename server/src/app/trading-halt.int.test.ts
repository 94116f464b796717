import type { StreamName, StrategyIntentEvent } from '@gamma/shared';
import { createMarketTick, createStrategyIntent } from '@gamma/shared/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { streamKey } from '../keys/key-table.ts';
import { FakeClock, iso } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { EngineService } from '../services/engine/engine-service.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import type { TradingStateChange } from '../stores/trading-state/trading-state-store.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';

const NOW = '2026-03-02T09:15:04.120Z';
const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

describe('a halt vetoes pending approvals, once across engine processes', () => {
  let prefix: string;
  let clock: FakeClock;
  let buses: RedisStreamsBus[];
  let engines: EngineService[];
  let stores: Stores & { bus: RedisStreamsBus };

  const all = async <T extends StreamName>(name: T) =>
    (await stores.bus.latest(name, 100)).reverse().map((e) => e.message);

  const groupReady = async (name: StreamName, group: string) => {
    await expect
      .poll(async () => {
        const groups = (await redis.xinfo('GROUPS', streamKey(prefix, name)).catch(() => [])) as unknown[][];
        return groups.some((g) => g.includes(group));
      })
      .toBe(true);
  };

  /** A pending approval record, as the engine opens one. */
  const pending = async (intent: StrategyIntentEvent) => {
    await stores.approvals.create({
      intent,
      checks: [],
      expires_at: iso(clock.now() + 120_000),
      created_at: iso(clock.now()),
      approval_mode: 'manual',
      status: 'pending',
    });
    return intent.intent_id;
  };

  const setState = (change: Partial<TradingStateChange>) =>
    stores.tradingStates.set({
      scope: 'global',
      key: null,
      state: 'HALTED',
      reason: 'exchange incident',
      changedBy: 'alice',
      at: iso(clock.now()),
      ...change,
    });

  beforeEach(async () => {
    prefix = testPrefix();
    clock = new FakeClock(Date.parse(NOW));
    const config = loadConfig({ STREAM_PREFIX: prefix });
    const ownBus = createRedisStreamsBus({
      url: TEST_REDIS_URL,
      prefix,
      blockMs: 100,
      log: silentLogger,
      clock,
    });
    stores = { ...createRedisStores(redis, { prefix, maxLen: 1000 }), bus: ownBus };
    buses = [];
    engines = [];
    for (let i = 0; i < 2; i += 1) {
      const bus = createRedisStreamsBus({
        url: TEST_REDIS_URL,
        prefix,
        blockMs: 100,
        log: silentLogger,
        clock,
      });
      const engineStores = createRedisStores(redis, { prefix, maxLen: 1000 });
      const engine = new EngineService(
        { bus, clock, config, log: silentLogger, stores: engineStores },
        { timers: false },
      );
      await engine.start();
      buses.push(bus);
      engines.push(engine);
    }
    await groupReady('intent.approval', 'engine');
  });

  afterEach(async () => {
    for (const engine of engines) await engine.close();
    for (const bus of buses) await bus.close();
    await stores.bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  it('vetoes each pending approval under a halted scope TRADING_HALTED exactly once, and nothing else', async () => {
    const btc = await pending(createStrategyIntent({ intent_id: 'btc-1', strategy_id: 'pq_vol_trader_btc' }));
    const eth = await pending(
      createStrategyIntent({ intent_id: 'eth-1', strategy_id: 'pq_vol_trader_eth', symbol: 'ETH/USDT' }),
    );
    const hedge = await pending(
      createStrategyIntent({
        intent_id: 'hedge-1',
        strategy_id: 'delta_hedger_btc',
        symbol: 'BTC/USDT:USDT',
        intent_type: 'delta_hedge',
        action: 'delta_hedge',
        direction: 'sell',
        metadata: { strategy_type: 'delta_hedger' },
      }),
    );

    // Nothing halted: nothing vetoed
    await setState({ state: 'REDUCING' });
    expect(await Promise.all(engines.map((e) => e.vetoHalted()))).toEqual([0, 0]);

    // One underlying halted: only its pending intent, whichever engine claims it
    await setState({ scope: 'underlying', key: 'ETH', reason: 'ETH venue down' });
    const first = await Promise.all(engines.map((e) => e.vetoHalted()));
    expect(first.reduce((a, b) => a + b, 0)).toBe(1);
    await expect.poll(async () => (await stores.approvals.get(eth))?.status).toBe('done');
    expect((await stores.approvals.get(btc))?.status).toBe('pending');

    // The whole desk halted: every other pending intent but the possible protective hedge
    await setState({ state: 'HALTED' });
    const second = await Promise.all(engines.map((e) => e.vetoHalted()));
    expect(second.reduce((a, b) => a + b, 0)).toBe(1);
    await expect.poll(async () => (await stores.approvals.get(btc))?.status).toBe('done');
    expect((await stores.approvals.get(hedge))?.status).toBe('pending');
    expect(await Promise.all(engines.map((e) => e.vetoHalted()))).toEqual([0, 0]);

    expect((await all('intent.approval')).map((c) => [c.intent_id, c.command, c.requested_by])).toEqual([
      ['eth-1', 'veto', 'risk_service'],
      ['btc-1', 'veto', 'risk_service'],
    ]);
    await expect.poll(async () => (await all('intent.decision')).length).toBe(2);
    const decisions = await all('intent.decision');
    expect(decisions.map((d) => [d.intent_id, d.status, d.reason_codes, d.decided_by])).toEqual([
      ['eth-1', 'vetoed', ['TRADING_HALTED'], 'risk_service'],
      ['btc-1', 'vetoed', ['TRADING_HALTED'], 'risk_service'],
    ]);
    expect(decisions[0]).toMatchObject({
      reason: 'trading halted (underlying ETH, by alice: ETH venue down)',
      checks: [
        { check: 'trading_state', passed: false, reason_code: 'TRADING_HALTED', value: null, limit: null },
      ],
      metadata: { trading_state: { scope: 'underlying', key: 'ETH', changed_by: 'alice', since: NOW } },
    });
    expect(decisions[1]?.reason).toBe('trading halted (global, by alice: exchange incident)');
  });

  it('re-checks an approval given under HALTED: rejected_on_recheck TRADING_HALTED', async () => {
    await stores.bus.publish('market.tick', createMarketTick({ timestamp: NOW }));
    const id = await pending(
      createStrategyIntent({
        intent_id: 'buy-1',
        strategy_id: 'e2e_trader_btc',
        symbol: 'BTC/USDT',
        intent_type: 'legacy_signal',
        action: 'buy',
        direction: 'buy',
        quantity: 0.01,
      }),
    );
    await setState({});
    // A trader approves before any sweep vetoes it
    await stores.approvals.claim({
      intentId: id,
      command: 'approve',
      requestedBy: 'bob',
      reason: null,
      commandId: 'cmd-approve',
      nowMs: clock.now(),
    });
    await expect
      .poll(async () => (await all('intent.decision')).map((d) => d.status))
      .toEqual(['rejected_on_recheck']);
    const [decision] = await all('intent.decision');
    expect(decision?.reason_codes).toContain('TRADING_HALTED');
    expect(decision?.metadata).toMatchObject({ requested_by: 'bob' });
    expect(await all('order.command')).toEqual([]);
  });

  it("under a REDUCING strategy vetoes its exposure-increasing intents TRADING_REDUCING, not another strategy's", async () => {
    await stores.bus.publish('market.tick', createMarketTick({ timestamp: NOW }));
    await setState({ scope: 'strategy', key: 'grid_btc', state: 'REDUCING', reason: 'grid review' });
    const buy = (intentId: string, strategyId: string) =>
      stores.bus.publish(
        'strategy.intent',
        createStrategyIntent({
          intent_id: intentId,
          strategy_id: strategyId,
          symbol: 'BTC/USDT',
          intent_type: 'legacy_signal',
          action: 'buy',
          direction: 'buy',
          quantity: 0.01,
          timestamp: NOW,
        }),
      );
    await buy('grid-1', 'grid_btc');
    await buy('other-1', 'other_btc');
    await expect.poll(async () => (await all('intent.decision')).length).toBe(2);
    const decisions = await all('intent.decision');
    const grid = decisions.find((d) => d.intent_id === 'grid-1');
    const other = decisions.find((d) => d.intent_id === 'other-1');
    expect(grid).toMatchObject({ status: 'vetoed' });
    expect(grid?.reason_codes).toContain('TRADING_REDUCING');
    expect(grid?.checks.find((c) => c.check === 'trading_state')).toMatchObject({
      passed: false,
      reason_code: 'TRADING_REDUCING',
    });
    expect(other?.reason_codes ?? []).not.toContain('TRADING_REDUCING');
    expect(other?.checks.find((c) => c.check === 'trading_state')).toMatchObject({ passed: true });
  });

  it('leaves a record past its expiry to the expiry sweep', async () => {
    const id = await pending(createStrategyIntent({ intent_id: 'late-1' }));
    await setState({});
    clock.advance(120_000);
    expect(await engines[0]?.vetoHalted()).toBe(0);
    expect((await stores.approvals.get(id))?.status).toBe('pending');
  });
});
