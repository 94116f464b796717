import { useState } from 'react';
import { downloadText, toCsv } from '@/lib/csv';
import { fixed, signed } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { useOrders, type OrderRow } from '../api/use-orders';
import { ORDER_CSV_COLUMNS, ordersCsvName } from '../core/order-export';
import { ordersSummary } from '../core/orders-summary';
import { windowFrom } from '../core/time-window';
import { NO_FILTER, OrderFilters, type OrderFilterValues } from './order-filters';
import { OrdersTable, useOrdersTable } from './orders-table';

const EMPTY: OrderRow[] = [];

/** The totals of the orders shown, in one line. */
function SummaryLine({ rows, total }: { rows: readonly OrderRow[]; total: number }) {
  const s = ordersSummary(rows);
  return (
    <p className="orders-summary" aria-label="Summary" aria-live="polite">
      <span>{s.orders === total ? `${s.orders} orders` : `${s.orders} of ${total} orders (newest)`}</span>
      <span className="pos">{s.filled} filled</span>
      <span className="neg">{s.rejected} rejected</span>
      <span className="warn">{s.sent} sent</span>
      <span>fees {fixed(s.fees, 2)} USDT</span>
      <span>slippage {signed(s.slippageUsd, 2)} USD</span>
    </p>
  );
}

/**
 * The Orders and fills page's body: the filter bar, the export, the totals and the sortable table. The filters
 * go to the server (`orders.list`); sorting is the table's; the CSV holds exactly the rows shown, in their order.
 */
export function OrdersView() {
  const [filter, setFilter] = useState<OrderFilterValues>(NO_FILTER);
  const now = useNow(30_000);
  const orders = useOrders({
    strategy: filter.strategy === '' ? undefined : filter.strategy,
    underlying: filter.underlying === '' ? undefined : filter.underlying,
    status: filter.status === '' ? undefined : filter.status,
    from: windowFrom(filter.window, now),
  });
  const rows = orders.data?.orders ?? EMPTY;
  const table = useOrdersTable(rows);
  const shown = table.getRowModel().rows.map((r) => r.original);
  const exportCsv = () => downloadText(ordersCsvName(Date.now()), toCsv(ORDER_CSV_COLUMNS, shown));
  const filtered = filter !== NO_FILTER;

  return (
    <>
      <div className="orders-bar">
        <OrderFilters
          values={filter}
          strategies={orders.data?.strategies ?? []}
          underlyings={orders.data?.underlyings ?? []}
          onChange={setFilter}
        />
        <button type="button" className="orders-export" onClick={exportCsv} disabled={shown.length === 0}>
          Export CSV
        </button>
      </div>
      <SummaryLine rows={shown} total={orders.data?.total ?? 0} />
      {shown.length > 0 ? (
        <OrdersTable table={table} />
      ) : (
        <p className="muted orders-empty">
          {orders.isPending
            ? 'loading…'
            : filtered
              ? 'No order matches these filters.'
              : 'No orders yet: an approved intent sends its orders here.'}
        </p>
      )}
    </>
  );
}
