import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  type Table,
  useReactTable,
} from '@tanstack/react-table';
import { useState } from 'react';
import { TimeText } from '@/components/time-text';
import { fixed, signed } from '@/lib/format';
import { actionLabel, reasonCodeLabel } from '@/lib/labels';
import { quantity } from '@/lib/quantity';
import type { OrderRow } from '../api/use-orders';
import './orders.css';

const column = createColumnHelper<OrderRow>();

/** Null as undefined, so TanStack sorts unknown values last in either direction. */
const orLast = (v: number | null): number | undefined => v ?? undefined;

/** A price in USD with cents, or `—`. */
const usd = (v: number | null | undefined): string => fixed(v, 2);

/** A slippage: positive (paid over the mark) is a cost, shown red; negative (price improvement) green. */
function Slippage({ value, dp, unit }: { value: number | null; dp: number; unit: string }) {
  const tone = value === null || Number(value.toFixed(dp)) === 0 ? '' : value > 0 ? 'neg' : 'pos';
  return (
    <span className={tone} title={value === null ? 'no mark to measure against' : unit}>
      {signed(value, dp)}
    </span>
  );
}

function StatusCell({ order }: { order: OrderRow }) {
  return (
    <>
      <span aria-label="status" className={`badge order-status-${order.status}`}>
        {order.status}
      </span>
      {order.reason_code !== null && (
        <span className="order-reason" title={order.reason ?? undefined}>
          {reasonCodeLabel(order.reason_code)}
        </span>
      )}
    </>
  );
}

function FillPriceCell({ order }: { order: OrderRow }) {
  const several = order.fills.length > 1;
  const title = several
    ? order.fills.map((f) => `${quantity(f.quantity)} @ ${usd(f.price)}`).join(', ')
    : undefined;
  return (
    <span title={title}>
      {usd(order.avg_fill_price)}
      {several && <span className="muted"> ({order.fills.length} fills)</span>}
    </span>
  );
}

const COLUMNS = [
  column.accessor('timestamp', {
    header: 'Time',
    cell: (c) => <TimeText at={c.getValue()} style="datetime" />,
    sortingFn: 'text',
  }),
  column.accessor('strategy_id', { header: 'Strategy' }),
  column.accessor('symbol', { header: 'Symbol' }),
  column.accessor('side', {
    header: 'Side',
    cell: (c) => <span className={`direction ${c.getValue()}`}>{c.getValue()}</span>,
  }),
  column.accessor('quantity', { header: 'Qty', cell: (c) => quantity(c.getValue()), meta: { num: true } }),
  column.accessor((o) => orLast(o.limit_price), {
    id: 'limit',
    header: 'Limit',
    cell: (c) => (c.row.original.order_type === 'market' ? 'market' : usd(c.row.original.limit_price)),
    sortUndefined: 'last',
    meta: { num: true },
  }),
  column.accessor((o) => orLast(o.mark), {
    id: 'mark',
    header: 'Mark',
    cell: (c) => usd(c.row.original.mark),
    sortUndefined: 'last',
    meta: { num: true },
  }),
  column.accessor('status', { header: 'Status', cell: (c) => <StatusCell order={c.row.original} /> }),
  column.accessor((o) => orLast(o.avg_fill_price), {
    id: 'fill',
    header: 'Fill price',
    cell: (c) => <FillPriceCell order={c.row.original} />,
    sortUndefined: 'last',
    meta: { num: true },
  }),
  column.accessor('fees', {
    header: 'Fee',
    cell: (c) => (c.row.original.fills.length === 0 ? '—' : usd(c.getValue())),
    meta: { num: true },
  }),
  column.accessor((o) => orLast(o.slippage_usd), {
    id: 'slippage_usd',
    header: 'Slippage $',
    cell: (c) => <Slippage value={c.row.original.slippage_usd} dp={2} unit="USD" />,
    sortUndefined: 'last',
    meta: { num: true },
  }),
  column.accessor((o) => orLast(o.slippage_bps), {
    id: 'slippage_bps',
    header: 'Slippage bps',
    cell: (c) => <Slippage value={c.row.original.slippage_bps} dp={1} unit="bps of the mark" />,
    sortUndefined: 'last',
    meta: { num: true },
  }),
  column.accessor((o) => o.action ?? '', {
    id: 'action',
    header: 'Intent',
    cell: (c) => (
      <span title={c.row.original.intent_id}>
        {c.row.original.action === null ? c.row.original.intent_id : actionLabel(c.row.original.action)}
      </span>
    ),
  }),
];

/** The table of orders, sortable by any column (a click on its header; again to reverse, a third time to clear). */
export function useOrdersTable(rows: OrderRow[]): Table<OrderRow> {
  const [sorting, setSorting] = useState<SortingState>([]);
  // No React Compiler in this build: the table instance is read afresh on every render of the page
  // eslint-disable-next-line react-hooks/incompatible-library
  return useReactTable({
    data: rows,
    columns: COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => row.entry_id,
  });
}

const ariaSort = (sorted: false | 'asc' | 'desc') =>
  sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';

/** The orders as the table holds them (sorted), one row per order. */
export function OrdersTable({ table }: { table: Table<OrderRow> }) {
  return (
    <div className="orders-table-wrap" tabIndex={0} role="region" aria-label="Orders">
      <table className="orders-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const num = (header.column.columnDef.meta as { num?: boolean } | undefined)?.num === true;
                return (
                  <th key={header.id} scope="col" aria-sort={ariaSort(sorted)} className={num ? 'num' : ''}>
                    <button
                      type="button"
                      className="sort-button"
                      onClick={header.column.getToggleSortingHandler()}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              aria-label={`order ${row.original.client_order_id ?? row.original.entry_id}`}
              className={`order-row order-${row.original.status}`}
            >
              {row.getVisibleCells().map((cell) => {
                const num = (cell.column.columnDef.meta as { num?: boolean } | undefined)?.num === true;
                return (
                  <td key={cell.id} className={num ? 'num' : ''} data-column={cell.column.id}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
