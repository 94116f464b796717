import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The Greeks of every underlying over the last hour (the live stream extends it on top). */
export function useGreeksHistory() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.risk.greeksHistory.queryOptions(), staleTime: Infinity });
}
