import type { StreamMessage, StreamName } from '@gamma/shared';
import { createStrategyIntent, createTestSurface } from '@gamma/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { EngineService } from '../services/engine/engine-service.ts';
import { OptionExecutionService } from '../services/option-execution/option-execution-service.ts';
import { PaperExchange } from '../services/paper-exchange/paper-exchange.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { isKilled, killAfterWrite } from '../testing/kill-points.ts';
import { InfrastructureError } from '../errors/index.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { RESERVATION_TTL_MS } from '../services/engine/core/reservations.ts';

const NOW = '2026-03-02T09:15:04.120Z';
const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

/** One desk on its own prefix: a bus, the Redis stores, a clock, the settings. */
async function openDesk(env: Record<string, string>) {
  const prefix = testPrefix();
  const clock = new FakeClock(Date.parse(NOW));
  const bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, blockMs: 100, log: silentLogger, clock });
  const stores = createRedisStores(redis, { prefix, maxLen: 1000 });
  // The test chain's mids imply ~115 % vol against its 60 % IV column: the price band's vol band is widened
  const config = loadConfig({ STREAM_PREFIX: prefix, RISK_PRICE_BAND_VOL_PTS: '100', ...env });
  const all = async <T extends StreamName>(name: T): Promise<StreamMessage<T>[]> =>
    (await bus.latest(name, 100)).reverse().map((e) => e.message);
  const deps = (s: Stores) => ({ bus, clock, config, log: silentLogger, stores: s });
  return {
    prefix,
    clock,
    bus,
    stores,
    all,
    deps,
    close: async () => {
      await bus.close();
      await deleteKeys(redis, `${prefix}:*`);
    },
  };
}
type Desk = Awaited<ReturnType<typeof openDesk>>;

/**
 * Runs `scenario` killed after each of its writes in turn (a fresh desk each time), then once more on
 * the same desk with fresh service instances (their memory lost) and healthy stores, as the redelivery
 * after a restart; `check` asserts the desk then. Returns how many kill points were exercised.
 */
async function everyKillPoint(
  env: Record<string, string>,
  scenario: (desk: Desk, stores: Stores) => Promise<void>,
  check: (desk: Desk) => Promise<void>,
): Promise<number> {
  const counting = await openDesk(env);
  const counter = killAfterWrite(counting.stores, Infinity);
  await scenario(counting, counter.stores);
  await check(counting);
  await counting.close();
  const points = counter.writes();
  for (let killAt = 1; killAt <= points; killAt += 1) {
    const desk = await openDesk(env);
    try {
      const killing = killAfterWrite(desk.stores, killAt);
      const killed = await scenario(desk, killing.stores).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isKilled(killed)).toBe(true);
      await scenario(desk, desk.stores);
      await check(desk);
    } catch (error) {
      throw new InfrastructureError(`after write ${killAt} of ${points}: ${String(error)}`);
    } finally {
      await desk.close();
    }
  }
  return points;
}

const intent = createStrategyIntent({ intent_id: 'kill-1', timestamp: NOW });

/** Engine (intent) → option execution (command) → paper exchange (legs) → engine (handovers). */
async function straddleChain(desk: Desk, stores: Stores): Promise<void> {
  const deps = desk.deps(stores);
  const engine = new EngineService(deps, { timers: false });
  const execution = new OptionExecutionService(deps);
  const exchange = new PaperExchange(deps, { config: { timers: false } });
  const surface = createTestSurface();
  engine.handleSurface(surface);
  execution.handleSurface(surface);
  exchange.handleSurface(surface);
  await engine.handleIntent(intent);
  for (const command of await desk.all('execution.command')) await execution.handleCommand(command);
  for (const order of await desk.all('order.command')) await exchange.handleOrder(order, { id: '0-1' });
  for (const fill of await desk.all('order.fill')) await engine.handleFill(fill);
}

const perKey = (keys: (string | null)[]) =>
  Object.fromEntries([...new Set(keys)].map((k) => [k, keys.filter((x) => x === k).length]));

describe('every kill point, then a redelivery on a restarted process', () => {
  it('a straddle: one decision, one command, every leg, one fill and one position update per order', async () => {
    const points = await everyKillPoint({ APPROVAL_MODE: 'auto' }, straddleChain, async (desk) => {
      expect((await desk.all('intent.decision')).map((d) => d.status)).toEqual(['approved']);
      expect(await desk.all('execution.command')).toHaveLength(1);
      const orders = (await desk.all('order.command')).map((o) => o.client_order_id);
      expect(orders).toEqual(['kill-1-0', 'kill-1-1']);
      expect(perKey((await desk.all('order.fill')).map((f) => f.client_order_id))).toEqual({
        'kill-1-0': 1,
        'kill-1-1': 1,
      });
      const updates = await desk.all('position.update');
      expect(perKey(updates.map((u) => String(u.metadata.client_order_id)))).toEqual({
        'kill-1-0': 1,
        'kill-1-1': 1,
      });
      // Each leg's update carries the position with its fill, even when redone by a restarted exchange
      expect(updates.map((u) => u.quantity)).toEqual([0.1, 0.1]);
      const saved = await desk.stores.ledger.loadPositions();
      expect(saved.map((p) => [p.symbol.slice(-1), p.quantity]).sort()).toEqual([
        ['C', 0.1],
        ['P', 0.1],
      ]);
      // Both fills handed over: nothing stays reserved
      expect(await desk.stores.reservations.list(desk.clock.now())).toEqual([]);
    });
    // (one of them: the engine's claim of the day's start equity before its first evaluation)
    expect(points).toBe(14);
  });

  it('a manual approval: pending once, approved once, routed once, the record done', async () => {
    const scenario = async (desk: Desk, stores: Stores) => {
      const engine = new EngineService(desk.deps(stores), { timers: false });
      engine.handleSurface(createTestSurface());
      await engine.handleIntent(intent);
      const claim = { intentId: 'kill-1', command: 'approve' as const, requestedBy: 'carol', reason: null };
      await stores.approvals.claim({ ...claim, commandId: 'cmd-1', nowMs: desk.clock.now() });
      for (const command of await desk.all('intent.approval')) await engine.handleApproval(command);
    };
    const points = await everyKillPoint({ APPROVAL_MODE: 'manual' }, scenario, async (desk) => {
      const decisions = (await desk.all('intent.decision')).map((d) => [d.status, d.decided_by]);
      expect(decisions).toEqual([
        ['pending_approval', 'engine'],
        ['approved', 'carol'],
      ]);
      expect(await desk.all('intent.approval')).toHaveLength(1);
      expect(await desk.all('execution.command')).toHaveLength(1);
      expect((await desk.stores.approvals.get('kill-1'))?.status).toBe('done');
    });
    // the pending decision's check-only reserve step counts as a step too
    expect(points).toBe(9);
  });

  it('a four-eyes approval: awaiting the second once, approved once by both, routed once', async () => {
    const scenario = async (desk: Desk, stores: Stores) => {
      const engine = new EngineService(desk.deps(stores), { timers: false });
      engine.handleSurface(createTestSurface());
      await engine.handleIntent(intent);
      const claim = {
        intentId: 'kill-1',
        command: 'approve' as const,
        reason: null,
        nowMs: desk.clock.now(),
      };
      // A rerun finds alice's approve done (CONFLICT, nothing written) or bob's repeated
      await stores.approvals.claim({ ...claim, requestedBy: 'alice', commandId: 'cmd-1' });
      await stores.approvals.claim({ ...claim, requestedBy: 'bob', commandId: 'cmd-2' });
      for (const command of await desk.all('intent.approval')) await engine.handleApproval(command);
    };
    // Above 1 000 USD (the straddle is 20 000): two approvers
    const env = { APPROVAL_MODE: 'manual', FOUR_EYES_NOTIONAL_USD: '1000' };
    const points = await everyKillPoint(env, scenario, async (desk) => {
      const decisions = (await desk.all('intent.decision')).map((d) => [d.status, d.decided_by, d.approvers]);
      expect(decisions).toEqual([
        ['pending_approval', 'engine', []],
        ['awaiting_second_approval', 'alice', ['alice']],
        ['approved', 'bob', ['alice', 'bob']],
      ]);
      expect(await desk.all('intent.approval')).toHaveLength(2);
      expect(await desk.all('execution.command')).toHaveLength(1);
      expect(await desk.stores.approvals.get('kill-1')).toMatchObject({
        status: 'done',
        first_approved_by: 'alice',
        claimed_by: 'bob',
      });
    });
    // two more than the one-approver approval: the first approve's claim and its decision
    expect(points).toBe(11);
  });

  it('an expiry: expired once, even when killed between expiring and publishing', async () => {
    const scenario = async (desk: Desk, stores: Stores) => {
      const engine = new EngineService(desk.deps(stores), { timers: false });
      engine.handleSurface(createTestSurface());
      await engine.handleIntent(intent);
      desk.clock.set(Date.parse(NOW) + 3_600_000);
      await engine.sweep();
    };
    const points = await everyKillPoint({ APPROVAL_MODE: 'manual' }, scenario, async (desk) => {
      expect((await desk.all('intent.decision')).map((d) => d.status)).toEqual([
        'pending_approval',
        'expired',
      ]);
      expect(await desk.stores.approvals.dueForExpiry(desk.clock.now())).toEqual([]);
    });
    // the pending decision's check-only reserve step counts as a step too
    expect(points).toBe(7);
  });

  it('a straddle whose legs are both rejected: one execution_rejected, with the auto approval mode', async () => {
    const scenario = async (desk: Desk, stores: Stores) => {
      const deps = desk.deps(stores);
      const engine = new EngineService(deps, { timers: false });
      const execution = new OptionExecutionService(deps);
      // The exchange has no quote: both legs are rejected
      const exchange = new PaperExchange(deps, { config: { timers: false } });
      engine.handleSurface(createTestSurface());
      execution.handleSurface(createTestSurface());
      await engine.handleIntent(intent);
      for (const command of await desk.all('execution.command')) await execution.handleCommand(command);
      for (const order of await desk.all('order.command')) await exchange.handleOrder(order, { id: '0-1' });
      for (const decision of await desk.all('intent.decision')) await engine.handleDecision(decision);
    };
    await everyKillPoint({ APPROVAL_MODE: 'auto' }, scenario, async (desk) => {
      const decisions = await desk.all('intent.decision');
      expect(decisions.map((d) => [d.status, d.decided_by, d.approval_mode])).toEqual([
        ['approved', 'auto', 'auto'],
        ['execution_rejected', 'paper_exchange', 'auto'],
      ]);
      expect(await desk.all('order.fill')).toEqual([]);
      // A rejected option leg keeps the reservation (a sibling leg could still fill) until its TTL
      expect(await desk.stores.reservations.list(desk.clock.now())).toHaveLength(1);
      expect(await desk.stores.reservations.list(desk.clock.now() + RESERVATION_TTL_MS + 1)).toEqual([]);
    });
  });
});
