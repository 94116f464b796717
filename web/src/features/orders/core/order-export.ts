import type { CsvColumn } from '@/lib/csv';
import type { OrderRow } from '../api/use-orders';

/**
 * The CSV of the Orders page: one line per order shown, in the order shown, full precision, times ISO-8601 UTC
 * whatever the page's time zone; fill price, fee and slippage are the order's (average price, sums) over its fills.
 */
export const ORDER_CSV_COLUMNS: readonly CsvColumn<OrderRow>[] = [
  { header: 'time', value: (o) => o.timestamp },
  { header: 'strategy', value: (o) => o.strategy_id },
  { header: 'underlying', value: (o) => o.underlying },
  { header: 'symbol', value: (o) => o.symbol },
  { header: 'side', value: (o) => o.side },
  { header: 'order_type', value: (o) => o.order_type },
  { header: 'quantity', value: (o) => o.quantity },
  { header: 'limit_price', value: (o) => o.limit_price },
  { header: 'mark', value: (o) => o.mark },
  { header: 'status', value: (o) => o.status },
  { header: 'reason_code', value: (o) => o.reason_code },
  { header: 'filled_quantity', value: (o) => o.filled_quantity },
  { header: 'fill_price', value: (o) => o.avg_fill_price },
  { header: 'fee', value: (o) => o.fees },
  { header: 'slippage_usd', value: (o) => o.slippage_usd },
  { header: 'slippage_bps', value: (o) => o.slippage_bps },
  { header: 'fills', value: (o) => o.fills.length },
  { header: 'action', value: (o) => o.action },
  { header: 'intent_id', value: (o) => o.intent_id },
  { header: 'client_order_id', value: (o) => o.client_order_id },
];

/** The export's file name: `orders-<UTC time of the export>.csv` (colons left out for every file system). */
export const ordersCsvName = (nowMs: number): string =>
  `orders-${new Date(nowMs).toISOString().slice(0, 19).replaceAll(':', '')}Z.csv`;
