import type { StrategyIntentEvent } from '@gamma/shared';
import { createStrategyIntent } from '@gamma/shared/testing';
import type { Rng } from './seeded-rng.ts';

/** The strategy id of every chaos intent (no runner instance owns it). */
export const CHAOS_STRATEGY = 'chaos_desk';

/** Spot instruments and their order size; option intents use the same underlyings. */
const UNITS = { 'BTC/USDT': 0.01, 'ETH/USDT': 0.1 } as const;
const SYMBOLS = Object.keys(UNITS) as (keyof typeof UNITS)[];

/** The kinds of intent a run publishes, with the client order ids an approved one must fill. */
export type IntentKind = 'spot' | 'straddle' | 'oversized';

/** A published intent and the legs (client order ids) its approval requires. */
export interface PlannedIntent {
  intent: StrategyIntentEvent;
  kind: IntentKind;
  legs: string[];
}

/** `<intent_id>-<n>`: the client order id of leg n (engine orders and option execution's legs alike). */
const legIds = (intentId: string, count: number): string[] =>
  Array.from({ length: count }, (_, n) => `${intentId}-${n}`);

/**
 * The n-th intent of a run: half spot buys/sells (one leg), 35 % straddles bought and 5 % sold (two
 * legs), 10 % spot orders far above `RISK_MAX_POSITION_QTY` (vetoed, so the veto path runs too).
 * Spot buys and sells balance, so the book stays within the limits for the whole run.
 */
export function planIntent(rng: Rng, runId: string, n: number): PlannedIntent {
  const symbol = rng.pick(SYMBOLS);
  const roll = rng.next();
  // Straddles are mostly bought: a sold one's limit is often not marketable, so it ends execution_rejected
  const side = roll < 0.4 ? (roll < 0.35 ? 'buy' : 'sell') : rng.pick(['buy', 'sell'] as const);
  const intentId = `chaos-${runId}-${n}`;
  const base = {
    intent_id: intentId,
    strategy_id: CHAOS_STRATEGY,
    symbol,
    direction: side,
    reason: 'chaos_test',
    timestamp: new Date().toISOString(),
    metadata: { chaos_n: n },
  };
  if (roll < 0.4) {
    const intent = createStrategyIntent({
      ...base,
      action: `${side}_straddle`,
      intent_type: side === 'buy' ? 'increase_long_gamma' : 'increase_short_gamma',
      quantity: UNITS[symbol],
    });
    return { intent, kind: 'straddle', legs: legIds(intentId, 2) };
  }
  const oversized = roll > 0.9;
  const intent = createStrategyIntent({
    ...base,
    action: side,
    intent_type: 's1_rebalance',
    quantity: oversized ? UNITS[symbol] * 100_000 : UNITS[symbol],
  });
  return { intent, kind: oversized ? 'oversized' : 'spot', legs: legIds(intentId, 1) };
}
