import type { OrderCommand, ReasonCode } from '@gamma/shared';
import type { InstrumentKind, Quote } from './book.ts';

/** A fill price, or a rejection with its reason code. */
export type FillDecision =
  | { ok: true; price: number }
  | {
      ok: false;
      code: Extract<ReasonCode, 'NO_QUOTE' | 'LIMIT_NOT_MARKETABLE' | 'UNSUPPORTED_COMMAND'>;
      reason: string;
    };

type OrderTerms = Pick<OrderCommand, 'side' | 'order_type' | 'price' | 'command'>;

/**
 * Fill model of SPEC §8.1: market orders at the touch (buy at ask, sell at bid); a limit order fills at
 * the touch only if marketable; cancel and modify are unsupported (no resting orders).
 */
export function decideFill(order: OrderTerms, quote: Quote | null): FillDecision {
  if (order.command !== 'create')
    return {
      ok: false,
      code: 'UNSUPPORTED_COMMAND',
      reason: `${order.command} is not supported: orders never rest`,
    };
  if (order.order_type === 'limit' && order.price === null)
    return { ok: false, code: 'UNSUPPORTED_COMMAND', reason: 'limit order without a price' };
  const touch = order.side === 'buy' ? quote?.ask : quote?.bid;
  if (touch === undefined || touch === null || !(touch > 0))
    return {
      ok: false,
      code: 'NO_QUOTE',
      reason: `no ${order.side === 'buy' ? 'ask' : 'bid'} to fill against`,
    };
  if (order.order_type === 'limit' && order.price !== null) {
    const marketable = order.side === 'buy' ? touch <= order.price : touch >= order.price;
    if (!marketable)
      return {
        ok: false,
        code: 'LIMIT_NOT_MARKETABLE',
        reason: `limit ${order.side} at ${order.price} not marketable against ${order.side === 'buy' ? 'ask' : 'bid'} ${touch}`,
      };
  }
  return { ok: true, price: touch };
}

/** Fee rates of SPEC §8.1. */
export const FEE_RATES = {
  spot: 0.001,
  perpetual: 0.0005,
  optionOfSpot: 0.0003,
  optionOfPrice: 0.125,
} as const;

/**
 * Fee in USDT: spot 0.10 % of notional, perpetual 0.05 %, options min(0.0003 × spot, 0.125 × price)
 * per option. `spot` is the underlying's spot (options only).
 */
export function feeFor(fill: {
  kind: InstrumentKind;
  price: number;
  quantity: number;
  spot: number | null;
}): number {
  const qty = Math.abs(fill.quantity);
  switch (fill.kind) {
    case 'spot':
      return qty * fill.price * FEE_RATES.spot;
    case 'perpetual':
      return qty * fill.price * FEE_RATES.perpetual;
    case 'option': {
      const byPrice = FEE_RATES.optionOfPrice * fill.price;
      const perOption = fill.spot === null ? byPrice : Math.min(FEE_RATES.optionOfSpot * fill.spot, byPrice);
      return qty * perOption;
    }
  }
}
