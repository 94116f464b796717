import type { FourEyesRule } from '@gamma/shared';
import { above } from './tolerance.ts';

/** `FOUR_EYES_NOTIONAL_USD`, `FOUR_EYES_ACTIONS`. */
export interface FourEyesConfig {
  /** An intent whose order notional is above this, USD, needs two distinct traders */
  notionalUsd: number;
  /** Actions that always need two distinct traders */
  actions: readonly string[];
}

/** The actions whose short side has unbounded gamma (short options on both sides). */
const UNBOUNDED_SHORT_GAMMA: ReadonlySet<string> = new Set(['sell_straddle', 'sell_strangle']);

/** Whole US dollars with thousands separators, e.g. `145,000`. */
const usd = (value: number): string => Math.round(value).toLocaleString('en-US');

/**
 * Why an intent needs two distinct traders (issue 10 item 5), or null when one is enough: its action is in
 * `FOUR_EYES_ACTIONS` (checked first: it holds at any size), else its order notional (the figure the
 * `order_notional` check measures, null when unpriced) is above `FOUR_EYES_NOTIONAL_USD`.
 */
export function fourEyesRuleOf(
  { action, notionalUsd }: { action: string; notionalUsd: number | null },
  config: FourEyesConfig,
): FourEyesRule | null {
  if (config.actions.includes(action)) {
    const why = UNBOUNDED_SHORT_GAMMA.has(action)
      ? 'is unbounded short gamma'
      : 'is listed in FOUR_EYES_ACTIONS';
    return { rule: 'action', detail: `${action} ${why}` };
  }
  if (notionalUsd !== null && above(notionalUsd, config.notionalUsd))
    return {
      rule: 'notional',
      detail: `notional ${usd(notionalUsd)} USD over ${usd(config.notionalUsd)}`,
    };
  return null;
}
