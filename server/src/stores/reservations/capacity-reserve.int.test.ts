import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { NOW, request, spotLeg } from './reservation-store.contract.ts';
import type { ReserveCapacity, ReserveRequest } from './reservation-store.ts';
import { RedisReservationStore } from './redis-reservation-store.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

/** BTC at 100 000 (the contract's figures), strategy s1, no limits on the book checks. */
const CAPACITY: ReserveCapacity = {
  symbol: 'BTC/USDT',
  action: 'buy',
  maxOrdersPerS: 100,
  maxOrdersPerSPerStrategy: 2,
  duplicateWindowMs: 0,
  budget: {},
  held: {},
};
const ask = (intentId: string, quantity: number, over: Partial<ReserveCapacity> = {}): ReserveRequest => ({
  ...request(intentId, [spotLeg(quantity)], { maxPositionQty: {} }),
  capacity: { ...CAPACITY, ...over },
});
const verdict = (checks: { check: string }[], name: string) => checks.find((c) => c.check === name);

describe('the reserve script’s shared capacities', () => {
  let prefix: string;
  let store: RedisReservationStore;
  beforeEach(() => {
    prefix = testPrefix();
    store = new RedisReservationStore(redis, prefix);
  });
  afterEach(() => deleteKeys(redis, `${prefix}:*`));

  it('order_rate: takes a token per reserved order only, and refuses the one beyond the strategy’s rate', async () => {
    // a check-only pass (a pending decision) takes nothing
    expect((await store.tryReserve(ask('p', 0.1), NOW, { reserve: false })).checks).toContainEqual(
      expect.objectContaining({ check: 'order_rate', value: 1, passed: true }),
    );
    expect((await store.tryReserve(ask('a', 0.1), NOW, { reserve: true })).reserved).toBe(true);
    expect((await store.tryReserve(ask('b', 0.1), NOW, { reserve: true })).reserved).toBe(true);
    const third = await store.tryReserve(ask('c', 0.1), NOW, { reserve: true });
    expect(third.reserved).toBe(false);
    expect(verdict(third.checks, 'order_rate')).toMatchObject({
      value: 3,
      limit: 2,
      reason_code: 'RATE_LIMITED',
    });
    // another strategy has its own bucket; half a second later s1 has one token again
    expect(
      (await store.tryReserve({ ...ask('d', 0.1), strategyId: 's2' }, NOW, { reserve: true })).reserved,
    ).toBe(true);
    expect((await store.tryReserve(ask('e', 0.1), NOW + 500, { reserve: true })).reserved).toBe(true);
  });

  it('duplicate_intent: the mark of an accepted intent refuses another within the window, not its own re-check', async () => {
    const dup = { duplicateWindowMs: 5_000 };
    expect((await store.tryReserve(ask('a', 0.1, dup), NOW, { reserve: false })).checks).toContainEqual(
      expect.objectContaining({ check: 'duplicate_intent', passed: true, value: null }),
    );
    // a's approval (its own mark) passes; b, one second later, is a duplicate
    expect((await store.tryReserve(ask('a', 0.1, dup), NOW + 500, { reserve: true })).reserved).toBe(true);
    const b = await store.tryReserve(ask('b', 0.1, dup), NOW + 1_500, { reserve: true });
    expect(verdict(b.checks, 'duplicate_intent')).toMatchObject({
      passed: false,
      value: 1,
      limit: 5,
      reason_code: 'DUPLICATE_INTENT',
    });
    expect(
      (await store.tryReserve(ask('c', 0.1, { ...dup, action: 'sell' }), NOW + 1_500, { reserve: false }))
        .checks,
    ).toContainEqual(expect.objectContaining({ check: 'duplicate_intent', passed: true }));
    expect(
      (await store.tryReserve(ask('d', 0.1, dup), NOW + 5_500, { reserve: false })).checks,
    ).toContainEqual(expect.objectContaining({ check: 'duplicate_intent', passed: true, value: 5 }));
  });

  it('strategy_budget: held + the strategy’s live reservations + the order, vetoed only when raised', async () => {
    // held comes from the fills the book applied for the strategy, not from the request's engine view
    const budget = { budget: { maxNotionalUsd: 300_000 }, maxOrdersPerSPerStrategy: 100, held: {} };
    await store.fill(
      {
        fillKey: 'held',
        intentId: null,
        strategyId: 's1',
        symbol: 'BTC/USDT',
        quantity: 1,
        price: 1,
        entryId: '1-0',
      },
      { nowMs: NOW, ttlMs: 60_000 },
    );
    expect((await store.tryReserve(ask('a', 1, budget), NOW, { reserve: true })).reserved).toBe(true);
    const b = await store.tryReserve(ask('b', 1.5, budget), NOW, { reserve: true });
    expect(verdict(b.checks, 'strategy_budget')).toMatchObject({
      value: 350_000,
      limit: 300_000,
      passed: false,
      reason_code: 'STRATEGY_BUDGET_EXCEEDED',
    });
    // another strategy's reservations do not count; a released reservation no longer does
    expect(
      (await store.tryReserve({ ...ask('c', 2, budget), strategyId: 's2' }, NOW, { reserve: true })).reserved,
    ).toBe(true);
    await store.release('a');
    expect((await store.tryReserve(ask('d', 1.5, budget), NOW, { reserve: true })).reserved).toBe(true);
    const sell = await store.tryReserve(
      {
        ...ask('e', 0.5, budget),
        reservation: { ...ask('e', 0.5).reservation, legs: [spotLeg(0.5, 'sell')] },
      },
      NOW,
      { reserve: false },
    );
    expect(verdict(sell.checks, 'strategy_budget')).toMatchObject({ passed: true, value: 200_000 });
  });
  it('strategy_budget: a fill moves the strategy from reserved to held in one step, never out of the count', async () => {
    const budget = { budget: { maxNotionalUsd: 300_000 }, maxOrdersPerSPerStrategy: 100, held: {} };
    expect((await store.tryReserve(ask('a', 2, budget), NOW, { reserve: true })).reserved).toBe(true);
    // the engine has not seen the position.update yet (held: {} in the request): the book counts the fill
    await store.fill(
      {
        fillKey: 'fa',
        intentId: 'a',
        strategyId: 's1',
        symbol: 'BTC/USDT',
        quantity: 2,
        price: 1,
        entryId: '1-0',
      },
      { nowMs: NOW, ttlMs: 60_000 },
    );
    const b = await store.tryReserve(ask('b', 1.5, budget), NOW, { reserve: true });
    expect(verdict(b.checks, 'strategy_budget')).toMatchObject({ value: 350_000, passed: false });
  });
});
