import { round4 } from './book-math.ts';
import type { CheckInput, OrderLeg } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/** An order's notional, Σ |quantity| × spot of the underlying over its legs, USD (four-eyes reads it too). */
export const orderNotionalUsd = (legs: readonly Pick<OrderLeg, 'quantity' | 'spot'>[]): number =>
  legs.reduce((sum, leg) => sum + Math.abs(leg.quantity) * leg.spot, 0);

/**
 * `order_notional`: the order's notional, Σ |quantity| × spot of the underlying over its legs (as gross
 * leverage counts it: an option leg counts its coins at spot), USD, against `RISK_MAX_ORDER_NOTIONAL_USD`.
 * A fat-finger guard: it applies to reducing orders too. An unpriced order fails `NO_REFERENCE_PRICE`.
 */
export function checkOrderNotional({ order, catalogue }: CheckInput): CheckVerdict {
  const base = { check: 'order_notional', limit: catalogue.limits.maxOrderNotionalUsd };
  if (!order.ok) return { ...base, passed: false, reason_code: order.code, value: null };
  const notional = orderNotionalUsd(order.legs);
  return verdictOf(
    { ...base, value: round4(notional) },
    above(notional, base.limit) ? 'ORDER_NOTIONAL_EXCEEDED' : null,
  );
}
