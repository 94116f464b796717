import { round4 } from './book-math.ts';
import { above, below } from './tolerance.ts';
import type { ReserveCapacity } from '../../../stores/reservations/reservation-store.ts';
import type { BookCheckInput } from './types.ts';
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

/** The capacity settings of the engine (`RISK_MAX_ORDERS_PER_S*`, `RISK_DUPLICATE_WINDOW_S`, the budgets). */
export interface CapacityConfig {
  maxOrdersPerS: number;
  maxOrdersPerSPerStrategy: number;
  /** `RISK_DUPLICATE_WINDOW_S`; 0 = off */
  duplicateWindowS: number;
  /** Strategy id → `STRATEGY_<ID>_MAX_NOTIONAL_USD` / `_MAX_PREMIUM_USD` */
  budgets: Readonly<Record<string, { maxNotionalUsd?: number; maxPremiumUsd?: number }>>;
}

/** The capacity part of an intent's reserve request: the strategy's held quantities from `strategyPositions`. */
export function reserveCapacity(
  intent: { strategy_id: string; symbol: string; action: string },
  strategyPositions: Readonly<Record<string, number>>,
  config: CapacityConfig,
): ReserveCapacity {
  const held: Record<string, number> = {};
  const prefix = `${intent.strategy_id}|`;
  for (const [key, quantity] of Object.entries(strategyPositions))
    if (key.startsWith(prefix) && quantity !== 0) held[key.slice(prefix.length)] = quantity;
  return {
    symbol: intent.symbol,
    action: intent.action,
    maxOrdersPerS: config.maxOrdersPerS,
    maxOrdersPerSPerStrategy: config.maxOrdersPerSPerStrategy,
    duplicateWindowMs: config.duplicateWindowS * 1000,
    budget: config.budgets[intent.strategy_id] ?? {},
    held,
  };
}

/** The strategy's held quantities and after the order, measured with the request's per-unit figures. */
function budgetMeasures(input: BookCheckInput): { before: BudgetMeasure; after: BudgetMeasure } | null {
  const capacity = input.context?.capacity;
  if (!capacity || !input.order.ok) return null;
  const { figures, request } = capacity;
  const position = (symbol: string, quantity: number): BudgetPosition => {
    const f = figures[symbol];
    const option = /-[CP]$/.test(symbol);
    return { quantity, spot: Math.abs(f?.notional ?? 0), premium: option ? Math.abs(f?.mark ?? 0) : 0 };
  };
  const measure = (q: Readonly<Record<string, number>>) =>
    budgetOf(Object.fromEntries(Object.entries(q).map(([s, x]) => [s, position(s, x)])));
  const after: Record<string, number> = { ...request.held };
  for (const l of input.order.legs)
    after[l.symbol] = (after[l.symbol] ?? 0) + (l.side === 'buy' ? l.quantity : -l.quantity);
  return { before: measure(request.held), after: measure(after) };
}

/**
 * `strategy_budget`, the pure pass (twin of `risk-check-budget.lua`): on the strategy's held positions and
 * the order only, since its live reservations are known to the reserve script, whose verdict the decision
 * records.
 */
export function checkStrategyBudgetOnBook(input: BookCheckInput): CheckVerdict {
  const m = budgetMeasures(input);
  const budget = input.context?.capacity?.request.budget;
  return m === null
    ? verdictOf({ check: 'strategy_budget', value: null, limit: null }, null)
    : checkStrategyBudget(m.before, m.after, budget);
}

/** `order_rate`, the pure pass: the buckets are the reserve script's; null until it has checked them. */
export const checkOrderRateOnBook = (input: BookCheckInput): CheckVerdict =>
  verdictOf(
    {
      check: 'order_rate',
      value: null,
      limit: input.context?.capacity?.request.maxOrdersPerSPerStrategy ?? null,
    },
    null,
  );

/** `duplicate_intent`, the pure pass: the marks are the reserve script's; null until it has checked them. */
export const checkDuplicateIntentOnBook = (input: BookCheckInput): CheckVerdict => {
  const windowMs = input.context?.capacity?.request.duplicateWindowMs;
  return verdictOf(
    { check: 'duplicate_intent', value: null, limit: windowMs === undefined ? null : windowMs / 1000 },
    null,
  );
};
