import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { MAX_HISTORY_POINTS } from '../core/vol-series';

/** ATM IV against forecast over time, to seed the history chart. */
export function useVolHistory(underlying: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.market.volHistory.queryOptions(
      { underlying, limit: MAX_HISTORY_POINTS },
      { enabled: underlying !== '' },
    ),
  );
}
