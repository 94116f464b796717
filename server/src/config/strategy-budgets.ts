import { z } from 'zod';
import type { ConfigProblem, VariableFamily } from './read-section.ts';
import { NUMBER } from './readers.ts';
import type { EnvSource } from './setting.ts';

/** A strategy's budget (`strategy_budget`): limits on its open positions, USD; absent = unbounded. */
export interface StrategyBudget {
  /** `STRATEGY_<ID>_MAX_NOTIONAL_USD`: Σ |quantity| × spot of the underlying of its held + reserved positions */
  maxNotionalUsd?: number;
  /** `STRATEGY_<ID>_MAX_PREMIUM_USD`: Σ |quantity| × option mark of its held + reserved option positions */
  maxPremiumUsd?: number;
}

/** The `STRATEGY_<ID>_<KEY>` keys the engine reads (the strategy runner leaves them to it). */
export const BUDGET_KEYS = { max_notional_usd: 'maxNotionalUsd', max_premium_usd: 'maxPremiumUsd' } as const;

const PREFIX = 'STRATEGY_';

/** The budget variables as the README lists them. */
export const STRATEGY_BUDGET_FAMILIES: readonly VariableFamily[] = [
  {
    pattern: 'STRATEGY_<ID>_MAX_NOTIONAL_USD',
    prefix: PREFIX,
    meaning:
      'strategy budget: largest notional of the strategy’s held + reserved positions, Σ |quantity| × spot of the underlying, USD (unset: none)',
  },
  {
    pattern: 'STRATEGY_<ID>_MAX_PREMIUM_USD',
    prefix: PREFIX,
    meaning:
      'strategy budget: largest premium of the strategy’s held + reserved option positions, Σ |quantity| × mark, USD (unset: none)',
  },
];

/** Whether a `STRATEGY_<ID>_<KEY>` variable is a budget (`…_MAX_NOTIONAL_USD`, `…_MAX_PREMIUM_USD`). */
export const isBudgetVariable = (variable: string): boolean =>
  variable.startsWith(PREFIX) &&
  Object.keys(BUDGET_KEYS).some((key) => variable.toLowerCase().endsWith(`_${key}`));

/**
 * The budgets of the source, by strategy id (`STRATEGY_GRID_BTC_MAX_NOTIONAL_USD` → `grid_btc`), each a
 * positive number; a bad value is a problem. The id may be any strategy's, a strategy-runner instance
 * or an external producer's (the strategy runner leaves these variables to the engine).
 */
export function readStrategyBudgets(source: EnvSource): {
  budgets: Record<string, StrategyBudget>;
  problems: ConfigProblem[];
} {
  const budgets: Record<string, StrategyBudget> = {};
  const problems: ConfigProblem[] = [];
  for (const [variable, text] of Object.entries(source)) {
    if (!variable.startsWith(PREFIX) || text === undefined) continue;
    const key = Object.keys(BUDGET_KEYS).find((k) => variable.toLowerCase().endsWith(`_${k}`));
    if (key === undefined) continue;
    const id = variable.slice(PREFIX.length, variable.length - key.length - 1).toLowerCase();
    if (id === '') continue;
    const reading = NUMBER.read(text.trim());
    const parsed = 'problem' in reading ? null : z.number().finite().positive().safeParse(reading.value);
    if (parsed === null || !parsed.success) {
      problems.push({ variable, message: `invalid value "${text}": a positive number of USD` });
      continue;
    }
    budgets[id] = { ...budgets[id], [BUDGET_KEYS[key as keyof typeof BUDGET_KEYS]]: parsed.data };
  }
  return { budgets, problems };
}
