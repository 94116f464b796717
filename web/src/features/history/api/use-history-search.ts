import { useInfiniteQuery } from '@tanstack/react-query';
import { type RouterInputs, type RouterOutputs, useTRPC } from '@/lib/trpc';

/** One row of a history search. */
export type HistoryRow = RouterOutputs['history']['search']['rows'][number];
/** A search's filters (the cursor is the query's own). */
export type HistoryFilters = Omit<RouterInputs['history']['search'], 'cursor'>;

/** Rows per page the History page asks for; further pages load as the table nears its end. */
export const HISTORY_PAGE_SIZE = 2000;

/** The pages of a history search on the server (audit store), newest first; `filters` null: not searched yet. */
export function useHistorySearch(filters: HistoryFilters | null) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.history.search.infiniteQueryOptions(filters ?? {}, {
      getNextPageParam: (page) => page.next_cursor,
      initialCursor: null,
    }),
    enabled: filters !== null,
  });
}
