import type { StreamInput, StrategyIntentEvent } from '@gamma/shared';
import type { ResolvedTrade } from './intake.ts';

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The limit price of a non-option order: `buy`/`sell` with a positive `metadata.limit_price`, else null (market). */
export function limitPriceOf(intent: StrategyIntentEvent, trade: ResolvedTrade): number | null {
  const limit = intent.metadata.limit_price;
  return (trade.action === 'buy' || trade.action === 'sell') && positive(limit) ? limit : null;
}

/** `<intent_id>-0`: the client order id of an engine-built order (one leg). */
export const engineClientOrderId = (intentId: string): string => `${intentId}-0`;

/**
 * The order command of an approved non-option intent (SPEC §5.1): `delta_hedge` and `close` at market;
 * `buy`/`sell` limit at `metadata.limit_price` when set (a positive number), else market.
 */
export function buildOrderCommand(
  intent: StrategyIntentEvent,
  trade: ResolvedTrade,
  by: { approvedBy: string; nowMs: number },
): StreamInput<'order.command'> {
  const { approvedBy, nowMs } = by;
  const limit = limitPriceOf(intent, trade);
  const isLimit = limit !== null;
  return {
    strategy_id: intent.strategy_id,
    symbol: intent.symbol,
    side: trade.direction,
    order_type: isLimit ? 'limit' : 'market',
    quantity: trade.quantity,
    price: isLimit ? limit : null,
    command: 'create',
    order_id: null,
    intent_id: intent.intent_id,
    client_order_id: engineClientOrderId(intent.intent_id),
    timestamp: new Date(nowMs).toISOString(),
    metadata: {
      ...intent.metadata,
      intent_id: intent.intent_id,
      intent_type: intent.intent_type,
      approved_by: approvedBy,
      // The engine approves automatically as `auto` only; a paper rejection of the order repeats the mode
      approval_mode: approvedBy === 'auto' ? 'auto' : 'manual',
    },
  };
}

/** The execution command of an approved option intent (SPEC §3.4, §5.1). */
export function buildExecutionCommand(
  intent: StrategyIntentEvent,
  trade: ResolvedTrade,
  by: { approvedBy: string; nowMs: number },
): StreamInput<'execution.command'> {
  const { approvedBy, nowMs } = by;
  return {
    intent_id: intent.intent_id,
    strategy_id: intent.strategy_id,
    symbol: intent.symbol,
    action: trade.action,
    direction: trade.direction,
    quantity: trade.quantity,
    approved_by: approvedBy,
    timestamp: new Date(nowMs).toISOString(),
    metadata: {
      ...intent.metadata,
      intent_type: intent.intent_type,
      reason: intent.reason,
      confidence: intent.confidence,
    },
  };
}
