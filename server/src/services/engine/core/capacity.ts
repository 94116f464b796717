import { round4 } from './book-math.ts';
import { above, below } from './tolerance.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';

/**
 * The shared capacities of issue 9 item 2 in their pure form: the reserve script checks and takes them
 * atomically across engine processes (`stores/scripts/capacity-*.lua` are the Lua twins, kept equal by
 * `capacity-scripts.int.test.ts`); these give the rules and the verdicts' units.
 */

/** A token bucket: tokens left and when they were counted. Capacity = the rate: one second of orders. */
export interface Bucket {
  tokens: number;
  atMs: number;
}

/** The bucket at `nowMs`: refilled at `ratePerS` tokens a second up to `ratePerS`; a new bucket is full. */
export function refill(bucket: Bucket | null, nowMs: number, ratePerS: number): Bucket {
  if (bucket === null) return { tokens: ratePerS, atMs: nowMs };
  const elapsedS = Math.max(0, nowMs - bucket.atMs) / 1000;
  return {
    tokens: Math.min(ratePerS, bucket.tokens + elapsedS * ratePerS),
    atMs: Math.max(nowMs, bucket.atMs),
  };
}

/**
 * `order_rate`: the desk's bucket (`RISK_MAX_ORDERS_PER_S`) and the strategy's
 * (`RISK_MAX_ORDERS_PER_S_PER_STRATEGY`), refilled to now, must each hold a whole token for this order.
 * Value: the orders of the last second of the fuller bucket this one included (rate − tokens + 1), its limit
 * the rate; the tokens are taken only when the whole decision passes.
 */
export function checkOrderRate(
  buckets: { global: Bucket; strategy: Bucket },
  rates: { global: number; strategy: number },
): CheckVerdict {
  const used = [
    { value: rates.global - buckets.global.tokens + 1, limit: rates.global },
    { value: rates.strategy - buckets.strategy.tokens + 1, limit: rates.strategy },
  ];
  const worst = used.reduce((a, b) => (b.value / b.limit > a.value / a.limit ? b : a));
  const limited = used.some((u) => above(u.value, u.limit));
  return verdictOf(
    { check: 'order_rate', value: round4(worst.value), limit: worst.limit },
    limited ? 'RATE_LIMITED' : null,
  );
}

/** The accepted intent a duplicate is measured from: its id and when it was accepted. */
export interface DuplicateMark {
  intentId: string;
  atMs: number;
}

/**
 * `duplicate_intent`: an intent of the same strategy, symbol and action as one accepted less than
 * `RISK_DUPLICATE_WINDOW_S` ago (another intent id) is a duplicate. Value: seconds since that one; 0
 * turns the check off (value null). The mark is set only when the whole decision passes.
 */
export function checkDuplicateIntent(
  mark: DuplicateMark | null,
  intent: { intentId: string; nowMs: number },
  windowS: number,
): CheckVerdict {
  const base = { check: 'duplicate_intent', limit: windowS };
  if (windowS <= 0 || mark === null || mark.intentId === intent.intentId)
    return verdictOf({ ...base, value: null }, null);
  const sinceS = (intent.nowMs - mark.atMs) / 1000;
  return verdictOf(
    { ...base, value: Math.round(sinceS * 1000) / 1000 },
    below(sinceS, windowS) ? 'DUPLICATE_INTENT' : null,
  );
}

/** A strategy's open positions as the budget measures them, USD. */
export interface BudgetMeasure {
  /** Σ |quantity| × spot of the underlying (options at their underlying's spot) */
  notional: number;
  /** Σ |quantity| × mark of its option positions */
  premium: number;
}

/** One instrument of a strategy: its signed quantity and per-unit figures. */
export interface BudgetPosition {
  quantity: number;
  /** Spot of the underlying, USD */
  spot: number;
  /** Option mark, USD; 0 for non-options */
  premium: number;
}

/** Notional and premium of a strategy's positions. */
export const budgetOf = (positions: Readonly<Record<string, BudgetPosition>>): BudgetMeasure =>
  Object.values(positions).reduce(
    (sum, p) => ({
      notional: sum.notional + Math.abs(p.quantity) * p.spot,
      premium: sum.premium + Math.abs(p.quantity) * p.premium,
    }),
    { notional: 0, premium: 0 },
  );

/**
 * `strategy_budget`: the strategy's held + reserved positions after the order against
 * `STRATEGY_<ID>_MAX_NOTIONAL_USD` and `STRATEGY_<ID>_MAX_PREMIUM_USD`; beyond a limit vetoes only an
 * order that raises that measure (a reducing order passes). Value and limit: the measure nearest its limit;
 * a strategy without a budget passes with value null.
 */
export function checkStrategyBudget(
  before: BudgetMeasure,
  after: BudgetMeasure,
  budget: { maxNotionalUsd?: number; maxPremiumUsd?: number } | undefined,
): CheckVerdict {
  const measures = [
    { after: after.notional, before: before.notional, limit: budget?.maxNotionalUsd },
    { after: after.premium, before: before.premium, limit: budget?.maxPremiumUsd },
  ].filter((m): m is { after: number; before: number; limit: number } => m.limit !== undefined);
  if (measures.length === 0) return verdictOf({ check: 'strategy_budget', value: null, limit: null }, null);
  const worst = measures.reduce((a, b) => (b.after / b.limit > a.after / a.limit ? b : a));
  const exceeded = measures.some((m) => above(m.after, m.limit) && above(m.after, m.before));
  return verdictOf(
    { check: 'strategy_budget', value: round4(worst.after), limit: worst.limit },
    exceeded ? 'STRATEGY_BUDGET_EXCEEDED' : null,
  );
}
