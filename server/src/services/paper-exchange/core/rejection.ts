import type { OrderCommand, ReasonCode, StreamInput } from '@gamma/shared';
import { isOptionSymbol, underlyingOf } from '@gamma/shared';

/** The leg index of an order: `metadata.leg`, else the `-<leg>` suffix of `<intent_id>-<leg>`, else 0. */
export function legOf(order: Pick<OrderCommand, 'metadata' | 'intent_id'>, clientOrderId: string): number {
  const leg = order.metadata.leg;
  if (typeof leg === 'number' && Number.isInteger(leg)) return leg;
  if (order.intent_id !== null && clientOrderId.startsWith(`${order.intent_id}-`)) {
    const n = Number(clientOrderId.slice(order.intent_id.length + 1));
    if (Number.isInteger(n) && n >= 0) return n;
  }
  return 0;
}

/**
 * The approval mode behind an order: `metadata.approval_mode` as the engine or option execution set it,
 * else `auto` for orders approved by `auto`/`risk_service`, else manual.
 */
export function approvalModeOf(order: Pick<OrderCommand, 'metadata'>): 'manual' | 'auto' {
  const { approval_mode: mode, approved_by: by } = order.metadata;
  if (mode === 'manual' || mode === 'auto') return mode;
  return by === 'auto' || by === 'risk_service' ? 'auto' : 'manual';
}

/**
 * The `execution_rejected` decision for a rejected order with an intent (SPEC §8.1): decided by
 * `paper_exchange`, fields copied from the order as far as known. Option legs carry the underlying as
 * `symbol` (the intent's symbol) and the leg's symbol in `metadata.order_symbol`.
 */
export function executionRejected(
  order: OrderCommand & { intent_id: string },
  rejection: { code: ReasonCode; reason: string; clientOrderId: string },
  nowIso: string,
): StreamInput<'intent.decision'> {
  const intentType = order.metadata.intent_type;
  return {
    decision_id: `${order.intent_id}:execution_rejected`,
    intent_id: order.intent_id,
    strategy_id: order.strategy_id,
    symbol: isOptionSymbol(order.symbol) ? underlyingOf(order.symbol) : order.symbol,
    action: typeof intentType === 'string' && intentType !== '' ? intentType : 'order',
    direction: order.side,
    quantity: order.quantity,
    status: 'execution_rejected',
    reason_codes: [rejection.code],
    reason: rejection.reason,
    checks: [],
    decided_by: 'paper_exchange',
    approval_mode: approvalModeOf(order),
    expires_at: null,
    timestamp: nowIso,
    metadata: {
      leg: legOf(order, rejection.clientOrderId),
      client_order_id: rejection.clientOrderId,
      order_symbol: order.symbol,
    },
  };
}
