import type { ReactNode } from 'react';
import { TimeText } from '@/components/time-text';
import { fixed, UNKNOWN } from '@/lib/format';
import type { HistoryRow } from '../api/use-history-search';

/** A column of the history table: its header and how a row shows in it. */
export interface HistoryColumn {
  key: string;
  header: string;
  cell: (row: HistoryRow) => ReactNode;
  numeric?: boolean;
}

const text = (value: string | null): string => value ?? UNKNOWN;

/** The history table's columns, left to right. */
export const HISTORY_COLUMNS: readonly HistoryColumn[] = [
  { key: 'ts', header: 'Time', cell: (r) => <TimeText at={r.ts} style="datetime" /> },
  { key: 'strategy', header: 'Strategy', cell: (r) => text(r.strategy_id) },
  { key: 'underlying', header: 'Underlying', cell: (r) => text(r.underlying) },
  { key: 'symbol', header: 'Instrument', cell: (r) => text(r.symbol) },
  { key: 'action', header: 'Action', cell: (r) => text(r.action) },
  { key: 'side', header: 'Side', cell: (r) => text(r.side) },
  { key: 'quantity', header: 'Qty', cell: (r) => fixed(r.quantity, 4), numeric: true },
  {
    key: 'status',
    header: 'Status',
    cell: (r) => (
      <span className={`history-status status-${r.status ?? 'none'}`}>{r.status ?? 'no decision'}</span>
    ),
  },
  { key: 'notional', header: 'Notional $', cell: (r) => fixed(r.notional, 0), numeric: true },
  { key: 'price', header: 'Price', cell: (r) => fixed(r.price, 2), numeric: true },
  { key: 'intent', header: 'Intent', cell: (r) => text(r.intent_id) },
];
