import {
  underlyingOf,
  type IntentDecisionEvent,
  type OrderCommand,
  type OrderFillEvent,
  type ReasonCode,
  type Side,
} from '@gamma/shared';
import type { IntentRecord, IntentsState, Stored } from '../../core/intents-state.ts';
import { compareIds } from '../../core/stream-id.ts';

/** What became of an order: on the bus, filled by the exchange, or rejected by it. */
export const ORDER_STATUSES = ['sent', 'filled', 'rejected'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** +1 for a buy, −1 for a sell: a positive slippage is a cost either way. */
const SIGN = { buy: 1, sell: -1 } as const satisfies Record<Side, 1 | -1>;

/** One fill of an order, with its slippage against the order's mark. */
export interface OrderFillRow {
  /** Entry id on `order.fill` */
  entry_id: string;
  timestamp: string;
  quantity: number;
  /** USD per unit */
  price: number;
  /** USDT */
  fee: number;
  /** (price − mark) × side sign × quantity, USD; null without a mark */
  slippage_usd: number | null;
  /** (price − mark) × side sign / mark, basis points; null without a mark */
  slippage_bps: number | null;
}

/** One order command with its state and its fills (a row of `orders.list`). */
export interface OrderRow {
  /** Entry id on `order.command` */
  entry_id: string;
  /** When the order was sent (the command's timestamp) */
  timestamp: string;
  intent_id: string;
  /** The intent's action (`buy_straddle`, `delta_hedge`, …); null when the intent was not seen */
  action: string | null;
  client_order_id: string | null;
  strategy_id: string;
  symbol: string;
  /** `BTC/USDT` for spot, perpetual and options alike */
  underlying: string;
  side: Side;
  order_type: OrderCommand['order_type'];
  quantity: number;
  /** Limit price, USD; null for market orders */
  limit_price: number | null;
  /** The mark the order was decided at: `metadata.mark` (option legs), else `metadata.reference_price` */
  mark: number | null;
  status: OrderStatus;
  /** The exchange's reason code when rejected */
  reason_code: ReasonCode | null;
  reason: string | null;
  filled_quantity: number;
  /** Quantity-weighted average fill price; null before a fill */
  avg_fill_price: number | null;
  /** Sum of the fills' fees, USDT */
  fees: number;
  /** Sum of the fills' slippage, USD; null without a mark or a fill */
  slippage_usd: number | null;
  /** Quantity-weighted slippage, bps of the mark; null without a mark or a fill */
  slippage_bps: number | null;
  fills: OrderFillRow[];
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The mark an order was decided at, if it carries one. */
export function markOf(order: Pick<OrderCommand, 'metadata'>): number | null {
  const { mark, reference_price: reference } = order.metadata;
  if (positive(mark)) return mark;
  return positive(reference) ? reference : null;
}

/** The key the exchange knows an order by: its `client_order_id`, else `ext-<entry id>` (SPEC §3.4). */
const exchangeKeyOf = (order: Stored<OrderCommand>): string =>
  order.message.client_order_id ?? `ext-${order.id}`;

/** The leg index of an order: `metadata.leg`, else the `-<leg>` suffix of its client order id. */
function legOf(order: OrderCommand): number | null {
  const { leg } = order.metadata;
  if (typeof leg === 'number' && Number.isInteger(leg)) return leg;
  const match = /-(\d+)$/.exec(order.client_order_id ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * The exchange's rejection of an order, if any: the intent's `execution_rejected` decision by the paper exchange
 * naming this order (`metadata.client_order_id`, else `metadata.leg`). Option execution rejects a structure
 * before any order exists, so its rejections have no order row.
 */
function rejectionOf(record: IntentRecord, order: Stored<OrderCommand>): IntentDecisionEvent | null {
  const key = exchangeKeyOf(order);
  const leg = legOf(order.message);
  for (const { message: d } of record.decisions) {
    if (d.status !== 'execution_rejected' || d.decided_by !== 'paper_exchange') continue;
    const named = d.metadata.client_order_id;
    if (typeof named === 'string' ? named === key : d.metadata.leg === leg) return d;
  }
  return null;
}

/** A fill's row, slippage measured against `mark` for the order's side. */
function fillRow(fill: Stored<OrderFillEvent>, order: { side: Side; mark: number | null }): OrderFillRow {
  const { price, quantity, fee, timestamp } = fill.message;
  const perUnit = order.mark === null ? null : (price - order.mark) * SIGN[order.side];
  return {
    entry_id: fill.id,
    timestamp,
    quantity,
    price,
    fee,
    slippage_usd: perUnit === null ? null : perUnit * Math.abs(quantity),
    slippage_bps: perUnit === null || order.mark === null ? null : (perUnit / order.mark) * 10_000,
  };
}

/** The row of one order of an intent. */
export function orderRow(record: IntentRecord, order: Stored<OrderCommand>): OrderRow {
  const m = order.message;
  const mark = markOf(m);
  const key = exchangeKeyOf(order);
  const fills = record.fills
    .filter((f) => f.message.client_order_id === key)
    .map((f) => fillRow(f, { side: m.side, mark }));
  const rejection = fills.length > 0 ? null : rejectionOf(record, order);
  const filledQuantity = fills.reduce((sum, f) => sum + Math.abs(f.quantity), 0);
  const notional = fills.reduce((sum, f) => sum + Math.abs(f.quantity) * f.price, 0);
  const slippage = fills.reduce((sum, f) => sum + (f.slippage_usd ?? 0), 0);
  const measured = mark !== null && filledQuantity > 0;
  return {
    entry_id: order.id,
    timestamp: m.timestamp,
    intent_id: record.intentId,
    action: record.intent?.message.action ?? null,
    client_order_id: m.client_order_id,
    strategy_id: m.strategy_id,
    symbol: m.symbol,
    underlying: underlyingOf(m.symbol),
    side: m.side,
    order_type: m.order_type,
    quantity: m.quantity,
    limit_price: m.price,
    mark,
    status: fills.length > 0 ? 'filled' : rejection ? 'rejected' : 'sent',
    reason_code: rejection?.reason_codes[0] ?? null,
    reason: rejection?.reason ?? null,
    filled_quantity: filledQuantity,
    avg_fill_price: filledQuantity > 0 ? notional / filledQuantity : null,
    fees: fills.reduce((sum, f) => sum + f.fee, 0),
    slippage_usd: measured ? slippage : null,
    slippage_bps: measured ? (slippage / (mark * filledQuantity)) * 10_000 : null,
    fills,
  };
}

/** Every order the intents state holds, newest first (by entry id on `order.command`). */
export function allOrderRows(state: IntentsState): OrderRow[] {
  const rows: OrderRow[] = [];
  for (const record of state.byId.values())
    for (const order of record.orderCommands) rows.push(orderRow(record, order));
  return rows.sort((a, b) => compareIds(b.entry_id, a.entry_id));
}
