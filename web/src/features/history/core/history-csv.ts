import type { CsvColumn } from '@/lib/csv';
import type { HistoryRow } from '../api/use-history-search';

/** The CSV of a history search: every column of the rows, times in ISO-8601 UTC. */
export const HISTORY_CSV_COLUMNS: readonly CsvColumn<HistoryRow>[] = [
  { header: 'time', value: (r) => r.ts },
  { header: 'kind', value: (r) => r.kind },
  { header: 'intent_id', value: (r) => r.intent_id },
  { header: 'strategy', value: (r) => r.strategy_id },
  { header: 'underlying', value: (r) => r.underlying },
  { header: 'symbol', value: (r) => r.symbol },
  { header: 'action', value: (r) => r.action },
  { header: 'side', value: (r) => r.side },
  { header: 'quantity', value: (r) => r.quantity },
  { header: 'status', value: (r) => r.status },
  { header: 'notional_usd', value: (r) => r.notional },
  { header: 'price', value: (r) => r.price },
  { header: 'client_order_id', value: (r) => r.client_order_id },
  { header: 'reason', value: (r) => r.reason },
  { header: 'entry_id', value: (r) => r.entry_id },
];
