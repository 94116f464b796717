import type { OrderRow } from '../api/use-orders';

/** Totals of the orders shown. */
export interface OrdersSummary {
  orders: number;
  filled: number;
  rejected: number;
  sent: number;
  /** Sum of the fees, USDT */
  fees: number;
  /** Sum of the measured slippage, USD (orders without a mark count 0); null when none was measured */
  slippageUsd: number | null;
}

/** Counts by status and sums fees and slippage over the rows. */
export function ordersSummary(rows: readonly OrderRow[]): OrdersSummary {
  const measured = rows.filter((r) => r.slippage_usd !== null);
  return {
    orders: rows.length,
    filled: rows.filter((r) => r.status === 'filled').length,
    rejected: rows.filter((r) => r.status === 'rejected').length,
    sent: rows.filter((r) => r.status === 'sent').length,
    fees: rows.reduce((sum, r) => sum + r.fees, 0),
    slippageUsd: measured.length === 0 ? null : measured.reduce((sum, r) => sum + (r.slippage_usd ?? 0), 0),
  };
}
