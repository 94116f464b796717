import type { StreamInput, StreamName } from '@gamma/shared';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalStore } from '../../bus/approval-store.ts';
import { streamKey } from '../../bus/keys.ts';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { loadEnv } from '../../config/env.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { OptionExecutionService } from '../option-execution/option-execution-service.ts';
import { EngineService } from './engine-service.ts';
import { testSurface } from './test-chain.ts';

const NOW = '2026-03-02T09:15:04.120Z';
const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const intent = (intentId: string): StreamInput<'strategy.intent'> => ({
  intent_id: intentId,
  strategy_id: 'pq_vol_trader_btc',
  symbol: 'BTC/USDT',
  intent_type: 'increase_long_gamma',
  action: 'buy_straddle',
  direction: 'buy',
  quantity: 0.1,
  confidence: 0.7,
  reason: 'market_underpricing_volatility',
  timestamp: NOW,
  metadata: {},
});

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
    const env = loadEnv({ STREAM_PREFIX: prefix });
    const deps = { bus, clock, env, log: silentLogger, redis };
    // published before the services start: both read it at warm-up
    await bus.publish('market.vol_surface', testSurface());
    engine = new EngineService(deps, { timers: false });
    execution = new OptionExecutionService(deps);
    await engine.start();
    await execution.start();
    await groupReady('strategy.intent', 'engine');
    await groupReady('intent.approval', 'engine');
    await groupReady('execution.command', 'option-execution');
    store = new ApprovalStore(redis, { prefix, maxLen: 1000 });
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
      expect(claim).toEqual({ ok: true, command_id: 'cmd-1', repeated: false });
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
  it('never both take the last unit of a limit: the shared reservations decide', async () => {
    const prefix = testPrefix();
    const clock = new FakeClock(Date.parse(NOW));
    const env = loadEnv({ STREAM_PREFIX: prefix, APPROVAL_MODE: 'auto' });
    const buses = [0, 1].map((i) =>
      createRedisStreamsBus({
        url: TEST_REDIS_URL,
        prefix,
        blockMs: 100,
        log: silentLogger,
        clock,
        consumerName: `engine-test-${i}`,
      }),
    );
    const [a, b] = buses as [RedisStreamsBus, RedisStreamsBus];
    await a.publish('market.tick', {
      symbol: 'BTC/USDT',
      price: 100_000,
      volume: 0,
      bid: 100_000,
      ask: 100_000,
      timestamp: NOW,
      metadata: {},
    });
    const engines = buses.map(
      (bus) => new EngineService({ bus, clock, env, log: silentLogger, redis }, { timers: false }),
    );
    try {
      for (const e of engines) await e.start();
      await expect
        .poll(async () => {
          const groups = (await redis
            .xinfo('GROUPS', streamKey(prefix, 'strategy.intent'))
            .catch(() => [])) as unknown[][];
          return groups.some((g) => g.includes('engine'));
        })
        .toBe(true);
      // equity 100 000: 0.2 BTC is 20 % each; together 40 % > the 30 % single-position limit
      const buy = (id: string): StreamInput<'strategy.intent'> => ({
        ...intent(id),
        strategy_id: 'grid_btc',
        intent_type: 'legacy_signal',
        action: 'buy',
        quantity: 0.2,
      });
      await Promise.all([
        a.publish('strategy.intent', buy('race-a')),
        b.publish('strategy.intent', buy('race-b')),
      ]);
      await expect.poll(async () => (await a.latest('intent.decision', 10)).length).toBe(2);
      const statuses = (await a.latest('intent.decision', 10)).map((e) => e.message.status).sort();
      expect(statuses).toEqual(['approved', 'vetoed']);
      expect(await a.latest('order.command', 10)).toHaveLength(1);
    } finally {
      for (const e of engines) await e.close();
      for (const bus of buses) await bus.close();
      await deleteKeys(redis, `${prefix}:*`);
    }
  });
});
