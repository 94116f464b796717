import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import {
  checkDuplicateIntent,
  checkOrderRate,
  checkStrategyBudget,
  refill,
  type Bucket,
} from '../../services/engine/core/capacity.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => redis.quit());

const lua = (file: string): string => readFileSync(new URL(`./${file}.lua`, import.meta.url), 'utf8');

/** The capacity fragments of the reserve script after the reservation prelude, then a body calling one on ARGV[1]. */
const SCRIPT = [
  lua('reservation-common'),
  lua('risk-check-rate'),
  lua('risk-check-duplicate'),
  lua('risk-check-budget'),
  `local C = cjson.decode(ARGV[2])
C.hash = KEYS[1]
if C.rates == nil then C.rates = {global = 1e12, strategy = 1e12} end
local op = ARGV[1]
local function out(v)
  local function n(x) if x == nil then return 'null' end return num(x) end
  local code = 'null'
  if v.code ~= nil then code = cjson.encode(v.code) end
  return '{"check":' .. cjson.encode(v.check) .. ',"value":' .. n(v.value) .. ',"limit":' .. n(v.limit)
    .. ',"passed":' .. tostring(v.passed) .. ',"reason_code":' .. code .. '}'
end
if op == 'rate' or op == 'rate+take' then
  local v = check_order_rate(C)
  if op == 'rate+take' and v.passed then commit_order_rate(C) end
  return out(v)
elseif op == 'dup' or op == 'dup+mark' then
  local v = check_duplicate_intent(C)
  if op == 'dup+mark' and v.passed then commit_duplicate_intent(C) end
  return out(v)
end
return out(check_strategy_budget(C))`,
].join('\n');

describe('the capacity fragments of the reserve script (twins of core/capacity.ts)', () => {
  let prefix: string;
  let hash: string;
  beforeEach(() => {
    prefix = testPrefix();
    // the hash the fragments keep their state in (in the reserve script: the capacity hash of the slot)
    hash = `${keyTable(prefix).reservations()}:capacity-test`;
  });
  afterEach(() => deleteKeys(redis, `${prefix}:*`));
  const run = async (op: string, c: Record<string, unknown>) =>
    JSON.parse(String(await redis.eval(SCRIPT, 1, hash, op, JSON.stringify(c)))) as unknown;

  it('order_rate: takes a token from both buckets per passing order, refills at the rate, agrees with TS', async () => {
    const rates = { global: 3, strategy: 2 };
    const T0 = 1_772_442_904_000;
    let global: Bucket | null = null;
    const strategy: Record<string, Bucket | null> = { a: null, b: null };
    // a, a, a (refused: a's bucket is empty), b, b (refused: the desk's is), then a again 500 ms later
    for (const [id, at] of [
      ['a', T0],
      ['a', T0],
      ['a', T0],
      ['b', T0],
      ['b', T0],
      ['a', T0 + 500],
    ] as const) {
      const g = refill(global, at, rates.global);
      const s = refill(strategy[id] ?? null, at, rates.strategy);
      const expected = checkOrderRate({ global: g, strategy: s }, rates);
      if (expected.passed) {
        global = { tokens: g.tokens - 1, atMs: g.atMs };
        strategy[id] = { tokens: s.tokens - 1, atMs: s.atMs };
      }
      expect(await run('rate+take', { now: at, strategy_id: id, rates })).toEqual(expected);
    }
    expect(global?.tokens).toBeCloseTo(0.5, 12);
  });

  it('duplicate_intent: the same strategy, symbol and action within the window, marked only on success', async () => {
    const at = (ms: number, intentId: string, windowMs = 5_000) => ({
      now: ms,
      intent_id: intentId,
      strategy_id: 'grid_btc',
      symbol: 'BTC/USDT',
      action: 'buy',
      duplicate_window_ms: windowMs,
    });
    expect(await run('dup+mark', at(1_000, 'i-1'))).toEqual(
      checkDuplicateIntent(null, { intentId: 'i-1', nowMs: 1_000 }, 5),
    );
    // its own re-check (an approval of a pending intent) is no duplicate
    expect(await run('dup', at(2_000, 'i-1'))).toMatchObject({ passed: true, value: null });
    const mark = { intentId: 'i-1', atMs: 1_000 };
    expect(await run('dup', at(5_999, 'i-2'))).toEqual(
      checkDuplicateIntent(mark, { intentId: 'i-2', nowMs: 5_999 }, 5),
    );
    expect(await run('dup', at(5_999, 'i-2'))).toMatchObject({
      passed: false,
      reason_code: 'DUPLICATE_INTENT',
      value: 4.999,
    });
    expect(await run('dup', at(6_000, 'i-2'))).toMatchObject({ passed: true, value: 5 });
    expect(await run('dup', at(2_000, 'i-3', 0))).toMatchObject({ passed: true, value: null, limit: 0 });
  });

  it('strategy_budget: vetoes beyond a limit only when the order raises that measure', async () => {
    const cases = [
      { before: { notional: 90_000, premium: 0 }, after: { notional: 100_000, premium: 0 } },
      { before: { notional: 90_000, premium: 0 }, after: { notional: 100_001, premium: 0 } },
      { before: { notional: 150_000, premium: 0 }, after: { notional: 140_000, premium: 0 } },
      { before: { notional: 10_000, premium: 900 }, after: { notional: 20_000, premium: 1_200 } },
    ];
    const budget = { maxNotionalUsd: 100_000, maxPremiumUsd: 1_000 };
    for (const c of cases) {
      const lua = {
        ...c,
        budget: { max_notional: budget.maxNotionalUsd, max_premium: budget.maxPremiumUsd },
      };
      expect(await run('budget', lua)).toEqual(checkStrategyBudget(c.before, c.after, budget));
    }
    const [first] = cases;
    if (first)
      expect(await run('budget', { ...first, budget: {} })).toEqual(
        checkStrategyBudget(first.before, first.after, {}),
      );
  });
});
