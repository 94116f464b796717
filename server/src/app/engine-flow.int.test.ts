import type { StreamInput, StreamName } from '@gamma/shared';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamKey } from '../keys/key-table.ts';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { OptionExecutionService } from '../services/option-execution/option-execution-service.ts';
import { EngineService } from '../services/engine/engine-service.ts';
import type { ApprovalStore } from '../stores/approvals/approval-store.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import { RedisReservationStore } from '../stores/reservations/redis-reservation-store.ts';
import type { ReservationStore } from '../stores/reservations/reservation-store.ts';
import { createStrategyIntent, createTestSurface as testSurface } from '@gamma/shared/testing';

const NOW = '2026-03-02T09:15:04.120Z';
const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const intent = (intentId: string): StreamInput<'strategy.intent'> =>
  createStrategyIntent({ intent_id: intentId, timestamp: NOW });

describe('engine and option execution on Redis', () => {
  let prefix: string;
  let bus: RedisStreamsBus;
  let clock: FakeClock;
  let engine: EngineService;
  let execution: OptionExecutionService;
  let store: ApprovalStore;

  const groupReady = async (name: StreamName, group: string) => {
    await expect
      .poll(async () => {
        const groups = (await redis.xinfo('GROUPS', streamKey(prefix, name)).catch(() => [])) as unknown[][];
        return groups.some((g) => g.includes(group));
      })
      .toBe(true);
  };

  const all = async <T extends StreamName>(name: T) =>
    (await bus.latest(name, 100)).reverse().map((e) => e.message);

  beforeEach(async () => {
    prefix = testPrefix();
    clock = new FakeClock(Date.parse(NOW));
    bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger, clock });
    // The test chain's mids imply ~115 % vol against its 60 % IV column: the price band's vol band is widened
    const config = loadConfig({ STREAM_PREFIX: prefix, RISK_PRICE_BAND_VOL_PTS: '100' });
    const stores = createRedisStores(redis, { prefix, maxLen: 1000 });
    const deps = { bus, clock, config, log: silentLogger, stores };
    // published before the services start: both read it at warm-up
    await bus.publish('market.vol_surface', testSurface());
    engine = new EngineService(deps, { timers: false });
    execution = new OptionExecutionService(deps);
    await engine.start();
    await execution.start();
    await groupReady('strategy.intent', 'engine');
    await groupReady('intent.approval', 'engine');
    await groupReady('execution.command', 'option-execution');
    store = stores.approvals;
  });

  afterEach(async () => {
    await engine.close();
    await execution.close();
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  const pending = async (intentId: string) => {
    await bus.publish('strategy.intent', intent(intentId));
    await expect.poll(async () => (await store.get(intentId))?.status).toBe('pending');
    await expect
      .poll(async () => (await all('intent.decision')).map((d) => d.status))
      .toEqual(['pending_approval']);
  };

  describe('when a pending intent is approved', () => {
    it('publishes approved and the execution command, and option execution sends both legs', async () => {
      await pending('int-1');
      clock.advance(3_000);
      const claim = await store.claim({
        intentId: 'int-1',
        command: 'approve',
        requestedBy: 'alice',
        reason: null,
        commandId: 'cmd-1',
        nowMs: clock.now(),
      });
      expect(claim).toEqual({ ok: true, command_id: 'cmd-1', repeated: false, stage: 'final' });
      await expect.poll(async () => (await all('order.command')).length).toBe(2);
      expect((await all('intent.decision')).map((d) => [d.status, d.decided_by])).toEqual([
        ['pending_approval', 'engine'],
        ['approved', 'alice'],
      ]);
      expect(await all('execution.command')).toEqual([
        expect.objectContaining({ intent_id: 'int-1', approved_by: 'alice', quantity: 0.1 }),
      ]);
      expect((await all('order.command')).map((o) => [o.client_order_id, o.symbol, o.side])).toEqual([
        ['int-1-0', 'BTC-20260306-100000-C', 'buy'],
        ['int-1-1', 'BTC-20260306-100000-P', 'buy'],
      ]);
      await expect.poll(async () => (await store.get('int-1'))?.status).toBe('done');
    });
  });

  describe('when a pending intent is vetoed', () => {
    it('publishes vetoed by the trader and no execution or order command', async () => {
      await pending('int-2');
      await store.claim({
        intentId: 'int-2',
        command: 'veto',
        requestedBy: 'bob',
        reason: 'event risk',
        commandId: 'cmd-2',
        nowMs: clock.now(),
      });
      await expect.poll(async () => (await store.get('int-2'))?.status).toBe('done');
      expect((await all('intent.decision')).at(-1)).toMatchObject({
        status: 'vetoed',
        decided_by: 'bob',
        reason_codes: ['MANUAL_VETO'],
        reason: 'event risk',
      });
      expect(await all('execution.command')).toEqual([]);
      expect(await all('order.command')).toEqual([]);
    });
  });

  describe('when the approval expires', () => {
    it('publishes expired once and a late approval conflicts', async () => {
      await pending('int-3');
      clock.advance(120_000);
      await engine.sweep();
      await engine.sweep();
      const decisions = await all('intent.decision');
      expect(decisions.map((d) => d.status)).toEqual(['pending_approval', 'expired']);
      expect(decisions[1]).toMatchObject({ decided_by: 'engine', reason_codes: ['APPROVAL_EXPIRED'] });
      const late = await store.claim({
        intentId: 'int-3',
        command: 'approve',
        requestedBy: 'alice',
        reason: null,
        commandId: 'cmd-3',
        nowMs: clock.now(),
      });
      expect(late).toEqual({ ok: false, code: 'CONFLICT', status: 'expired' });
    });
  });

  describe('when the same intent is published twice', () => {
    it('decides it once', async () => {
      await pending('int-4');
      await bus.publish('strategy.intent', intent('int-4'));
      await bus.publish('strategy.intent', intent('int-5'));
      await expect.poll(async () => (await all('intent.decision')).length).toBe(2);
      expect((await all('intent.decision')).map((d) => d.intent_id)).toEqual(['int-4', 'int-5']);
    });
  });
});

describe('two engine processes on one prefix', () => {
  let prefix: string;
  let clock: FakeClock;
  let buses: RedisStreamsBus[];
  let engines: EngineService[];

  const tick = (symbol: string, price: number): StreamInput<'market.tick'> => ({
    symbol,
    price,
    volume: 0,
    bid: price,
    ask: price,
    timestamp: NOW,
    metadata: {},
  });

  const buy = (id: string, quantity: number): StreamInput<'strategy.intent'> => ({
    ...intent(id),
    strategy_id: 'grid_btc',
    intent_type: 'legacy_signal',
    action: 'buy',
    quantity,
  });

  const groupsOf = async (name: StreamName) =>
    ((await redis.xinfo('GROUPS', streamKey(prefix, name)).catch(() => [])) as unknown[][]).map((g) =>
      String(g[1]),
    );

  /** Two engines with their own bus (consumer) on one prefix, after a BTC tick at 100 000. */
  const startEngines = async (
    env: Record<string, string>,
    reservations?: ReservationStore,
    fixedPrefix?: string,
  ) => {
    prefix = fixedPrefix ?? testPrefix();
    clock = new FakeClock(Date.parse(NOW));
    // Repeated buys of one strategy race here for the book's limits: the duplicate window is off
    const config = loadConfig({
      STREAM_PREFIX: prefix,
      APPROVAL_MODE: 'auto',
      RISK_DUPLICATE_WINDOW_S: '0',
      ...env,
    });
    const stores = createRedisStores(redis, { prefix, maxLen: 1000 });
    buses = [0, 1].map((i) =>
      createRedisStreamsBus({
        url: TEST_REDIS_URL,
        prefix,
        blockMs: 100,
        log: silentLogger,
        clock,
        consumerName: `engine-test-${i}`,
      }),
    );
    await buses[0]?.publish('market.tick', tick('BTC/USDT', 100_000));
    engines = buses.map(
      (bus) =>
        new EngineService(
          {
            bus,
            clock,
            config,
            log: silentLogger,
            stores: { ...stores, ...(reservations ? { reservations } : {}) },
          },
          { timers: false },
        ),
    );
    for (const e of engines) await e.start();
    await expect.poll(() => groupsOf('strategy.intent')).toContain('engine');
  };

  const decisionsOf = async () =>
    ((await buses[0]?.latest('intent.decision', 100)) ?? []).map((e) => e.message);

  afterEach(async () => {
    for (const e of engines) await e.close();
    for (const bus of buses) await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  });

  it('never both take the last unit of a limit: the shared reservations decide', async () => {
    await startEngines({});
    const [a, b] = buses as [RedisStreamsBus, RedisStreamsBus];
    // equity 100 000: 0.2 BTC is 20 % each; together 40 % > the 30 % single-position limit
    await Promise.all([
      a.publish('strategy.intent', buy('race-a', 0.2)),
      b.publish('strategy.intent', buy('race-b', 0.2)),
    ]);
    await expect.poll(async () => (await decisionsOf()).length).toBe(2);
    expect((await decisionsOf()).map((d) => d.status).sort()).toEqual(['approved', 'vetoed']);
    expect(await a.latest('order.command', 10)).toHaveLength(1);
  });

  it('approves 20 concurrent intents of half the limit each only while the limit holds, even on stale views', async () => {
    // Every evaluation starts from a view with no reservations (the worst race: each engine read before the
    // other reserved), so only the Lua script can keep the two processes under the limit.
    prefix = testPrefix();
    const shared = () => new RedisReservationStore(redis, prefix);
    const staleView = (): ReservationStore => Object.assign(shared(), { list: () => Promise.resolve([]) });
    // RISK_MAX_POSITION_QTY BTC 0.1: each intent of 0.05 needs half of the whole (then remaining) limit
    await startEngines({ RISK_MAX_POSITION_QTY: 'BTC:0.1' }, staleView(), prefix);
    const [a, b] = buses as [RedisStreamsBus, RedisStreamsBus];
    const first = { currentReservations: () => shared().list(clock.now()) };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).publish('strategy.intent', buy(`h-${i}`, 0.05)),
      ),
    );
    let mostReserved = 0;
    await expect
      .poll(async () => {
        const reserved = (await first.currentReservations())
          .flatMap((r) => r.legs)
          .reduce((sum, l) => sum + l.quantity, 0);
        mostReserved = Math.max(mostReserved, reserved);
        return (await decisionsOf()).length;
      })
      .toBe(20);
    const decisions = await decisionsOf();
    expect(decisions.filter((d) => d.status === 'approved')).toHaveLength(2);
    expect(decisions.filter((d) => d.status === 'vetoed')).toEqual(
      Array.from({ length: 18 }, () =>
        expect.objectContaining({ reason_codes: ['MAX_POSITION_SIZE_EXCEEDED'] }),
      ),
    );
    expect(await a.latest('order.command', 100)).toHaveLength(2);
    const reserved = (await first.currentReservations()).flatMap((r) => r.legs);
    expect(reserved.reduce((sum, l) => sum + l.quantity, 0)).toBeCloseTo(0.1, 12);
    expect(mostReserved).toBeLessThanOrEqual(0.1 + 1e-12);
  });

  it('shows a state message published once to both processes, through tails and not the engine group', async () => {
    await startEngines({});
    const [a] = buses as [RedisStreamsBus, RedisStreamsBus];
    await a.publish('market.tick', tick('ETH/USDT', 3_000));
    await a.publish('position.update', {
      strategy_id: 'grid_eth',
      symbol: 'ETH/USDT',
      quantity: 2,
      avg_price: 3_000,
      unrealized_pnl: 0,
      timestamp: NOW,
      metadata: { account_quantity: 2 },
    });
    await a.publish('portfolio.risk', {
      total_delta: 0,
      total_gamma: 0,
      total_vega: 0,
      total_theta: 0,
      total_rho: 0,
      position_ratio: null,
      leverage: null,
      underlying: 'ETH/USDT',
      timestamp: NOW,
      metadata: { total_value: 90_000, cash: 84_000, peak_value: 100_000 },
    });
    for (const engine of engines) {
      await expect.poll(() => engine.stateView().mids['ETH/USDT']).toBe(3_000);
      await expect.poll(() => engine.stateView().portfolio.accountPositions['ETH/USDT']).toBe(2);
      await expect.poll(() => engine.stateView().portfolio.equity).toBe(90_000);
    }
    for (const name of ['market.tick', 'position.update', 'portfolio.risk'] as const) {
      expect(await groupsOf(name)).not.toContain('engine');
    }
  });
});
