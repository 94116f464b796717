import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { TimeText } from '@/components/time-text';
import { duration } from '@/lib/format';
import type { StreamRow } from '../core/stream-rows';
import { Sparkline } from './sparkline';

const n = (v: number | null): string => (v === null ? '—' : String(v));

const COLUMNS: ColumnDef<StreamRow>[] = [
  { accessorKey: 'stream', header: 'Stream' },
  { accessorKey: 'group', header: 'Group', cell: (c) => c.row.original.group ?? '—' },
  { accessorKey: 'length', header: 'Length' },
  { accessorKey: 'lag', header: 'Lag', cell: (c) => n(c.row.original.lag), sortUndefined: 'last' },
  { accessorKey: 'pending', header: 'Pending', cell: (c) => n(c.row.original.pending) },
  { accessorKey: 'idleMs', header: 'Oldest idle', cell: (c) => duration(c.row.original.idleMs) },
  { accessorKey: 'delayMs', header: 'Delay', cell: (c) => duration(c.row.original.delayMs) },
  {
    accessorKey: 'handledPerMin',
    header: 'Handled/min',
    cell: (c) => (
      <span className="ops-rate">
        {n(c.row.original.handledPerMin)}
        <Sparkline values={c.row.original.handledSeries} />
      </span>
    ),
  },
  { accessorKey: 'failedPerMin', header: 'Failed/min', cell: (c) => n(c.row.original.failedPerMin) },
  { accessorKey: 'deadLetters', header: 'Dead letters' },
  {
    accessorKey: 'lastEntryAt',
    header: 'Last entry',
    cell: (c) => <TimeText at={c.row.original.lastEntryAt} />,
  },
];

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * Streams × consumer groups, sortable by any column (click a header); a group whose delay is above 5 s is
 * highlighted as lagging, one with failures in the last minute as failing.
 */
export function StreamsTable({ rows }: { rows: StreamRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(() => COLUMNS, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions by design
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => row.key,
  });
  return (
    <div className="table-wrap ops-scroll" tabIndex={0} role="region" aria-label="Streams and groups">
      <table className="ops-table ops-streams">
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" aria-sort={sorted ? ARIA_SORT[sorted] : 'none'}>
                    <button
                      type="button"
                      className="ops-sort"
                      onClick={header.column.getToggleSortingHandler()}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true">
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const r = row.original;
            const flags = [r.lagging ? 'lagging' : '', r.failing ? 'failing' : ''].join(' ').trim();
            return (
              <tr
                key={row.id}
                className={flags}
                aria-label={`${r.stream} ${r.group ?? ''}${flags ? `, ${flags}` : ''}`.trim()}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
