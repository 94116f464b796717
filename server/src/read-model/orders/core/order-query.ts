import type { OrderRow, OrderStatus } from './order-rows.ts';

/** What `orders.list` narrows by; every field is optional and they combine. */
export interface OrderFilter {
  strategy?: string | undefined;
  /** `BTC/USDT`: its spot, perpetual and option orders */
  underlying?: string | undefined;
  status?: OrderStatus | undefined;
  /** ISO-8601, inclusive, on the order's timestamp */
  from?: string | undefined;
  /** ISO-8601, exclusive, on the order's timestamp */
  to?: string | undefined;
  limit: number;
}

/** The filtered orders (newest first, at most `limit`), how many matched, and the values each filter offers. */
export interface OrderList {
  orders: OrderRow[];
  /** Orders matching the filter, before the limit */
  total: number;
  /** Every strategy and underlying with an order (whatever the filter), sorted */
  strategies: string[];
  underlyings: string[];
}

const msOf = (iso: string | undefined): number | null => {
  if (iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
};

/** Whether a row passes the filter. */
export function matchesFilter(row: OrderRow, filter: Omit<OrderFilter, 'limit'>): boolean {
  if (filter.strategy !== undefined && row.strategy_id !== filter.strategy) return false;
  if (filter.underlying !== undefined && row.underlying !== filter.underlying) return false;
  if (filter.status !== undefined && row.status !== filter.status) return false;
  const at = Date.parse(row.timestamp);
  const from = msOf(filter.from);
  const to = msOf(filter.to);
  if (from !== null && !(at >= from)) return false;
  if (to !== null && !(at < to)) return false;
  return true;
}

/** Narrows newest-first rows by the filter and cuts them at the limit. */
export function listOrders(rows: readonly OrderRow[], filter: OrderFilter): OrderList {
  const matched = rows.filter((row) => matchesFilter(row, filter));
  return {
    orders: matched.slice(0, filter.limit),
    total: matched.length,
    strategies: [...new Set(rows.map((r) => r.strategy_id))].sort(),
    underlyings: [...new Set(rows.map((r) => r.underlying))].sort(),
  };
}
