import { stricterState, type TradingState } from '@gamma/shared';
import { positionsAfter, positionsBefore } from './book-math.ts';
import { coinExposures, GREEK_NAMES } from './check-greek-limits.ts';
import { above, below } from './tolerance.ts';
import type { BookCheckInput } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';

/**
 * The trading state in force for an order: the strictest of `global`, `strategy:<id>` and
 * `underlying:<coin>` of each ordered coin (a missing field is ACTIVE).
 */
export function stateInForce(
  states: Readonly<Record<string, TradingState>>,
  order: { strategyId: string; coins: readonly string[] },
): TradingState {
  const fields = ['global', `strategy:${order.strategyId}`, ...order.coins.map((c) => `underlying:${c}`)];
  return fields.reduce<TradingState>((s, f) => stricterState(s, states[f] ?? 'ACTIVE'), 'ACTIVE');
}

/**
 * Whether an order reduces exposure: every ordered instrument's |held + reserved| goes down, or no Greek
 * exposure of an ordered coin goes up and at least one goes down (the same rule as `reduces_exposure` in
 * `stores/scripts/risk-check-state.lua`).
 */
export function orderReducesExposure(input: BookCheckInput): boolean {
  const { book, order } = input;
  if (!order.ok) return false;
  const before = positionsBefore(book, order.legs);
  const after = positionsAfter(book, order.legs);
  const positions = order.legs.every((l) =>
    below(Math.abs(after[l.symbol]?.quantity ?? 0), Math.abs(before[l.symbol]?.quantity ?? 0)),
  );
  if (positions) return true;
  let down = false;
  for (const e of coinExposures(input)) {
    for (const g of GREEK_NAMES) {
      if (above(e.after[g], e.before[g])) return false;
      if (below(e.after[g], e.before[g])) down = true;
    }
  }
  return down;
}

/**
 * The pure core of `trading_state`: HALTED refuses all but protective orders (`TRADING_HALTED`);
 * REDUCING refuses an order that is neither protective nor reducing (`TRADING_REDUCING`). Value and
 * limit are null.
 */
export function tradingStateVerdict(
  state: TradingState,
  order: { protective: boolean; reduces: boolean },
): CheckVerdict {
  const measured = { check: 'trading_state', value: null, limit: null };
  if (order.protective || state === 'ACTIVE') return verdictOf(measured, null);
  if (state === 'HALTED') return verdictOf(measured, 'TRADING_HALTED');
  return verdictOf(measured, order.reduces ? null : 'TRADING_REDUCING');
}

/** `trading_state` of a checked order (ACTIVE when the input carries no context). */
export function checkTradingState(input: BookCheckInput): CheckVerdict {
  const state = input.context?.tradingState ?? 'ACTIVE';
  const protective = input.context?.protective ?? false;
  return tradingStateVerdict(state, {
    protective,
    reduces: state === 'REDUCING' && !protective && orderReducesExposure(input),
  });
}
