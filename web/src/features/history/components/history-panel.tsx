import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { downloadText, toCsv } from '@/lib/csv';
import { useTimeZoneStore } from '@/stores/time-zone-store';
import {
  HISTORY_PAGE_SIZE,
  type HistoryFilters,
  type HistoryRow,
  useHistorySearch,
} from '../api/use-history-search';
import { HISTORY_CSV_COLUMNS } from '../core/history-csv';
import { type HistoryForm, searchInputOf } from '../core/history-filters';
import { HistoryFilterForm } from './history-filter-form';
import { HistoryTable } from './history-table';
import './history.css';

const count = (n: number): string => n.toLocaleString('en-US');

/** `/` anywhere on the page but in a field focuses the first search field. */
function useSlashFocus(target: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const t = event.target as HTMLElement | null;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (t && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName))) return;
      event.preventDefault();
      target.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [target]);
}

/**
 * Intents, decisions and orders searched on the server (the audit store): the filter form, the row count,
 * Load more and CSV export of the loaded rows, and the virtualized results; a row opens its intent (`onOpen`).
 */
export function HistoryPanel({ onOpen }: { onOpen: (intentId: string) => void }) {
  const zone = useTimeZoneStore((s) => s.zone);
  const [filters, setFilters] = useState<HistoryFilters | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  useSlashFocus(firstField);
  const search = useHistorySearch(filters);
  const rows = useMemo(() => search.data?.pages.flatMap((p) => p.rows) ?? [], [search.data]);
  const total = search.data?.pages[0]?.total ?? null;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const open = (row: HistoryRow) => {
    if (row.intent_id !== null) onOpen(row.intent_id);
  };
  const exportCsv = () =>
    downloadText(`gamma-history-${filters?.kind ?? 'intent'}s.csv`, toCsv(HISTORY_CSV_COLUMNS, rows));
  return (
    <section className="history-panel" aria-label="History search and results">
      <HistoryFilterForm
        firstFieldRef={firstField}
        onSearch={(form: HistoryForm) => setFilters(searchInputOf(form, zone, HISTORY_PAGE_SIZE))}
      />
      <div className="history-bar">
        <span role="status" aria-label="row count">
          {filters === null
            ? 'Search to list intents, decisions or orders from the audit store (press / to start typing)'
            : search.isPending
              ? 'searching…'
              : search.isError
                ? `could not search: ${search.error.message}`
                : `${count(rows.length)} of ${count(total ?? rows.length)} rows`}
        </span>
        {hasNextPage && (
          <button type="button" onClick={loadMore} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        )}
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {filters !== null && rows.length > 0 && <HistoryTable rows={rows} onOpen={open} onNearEnd={loadMore} />}
      {filters !== null && !search.isPending && rows.length === 0 && !search.isError && (
        <p className="muted">no rows match</p>
      )}
    </section>
  );
}
