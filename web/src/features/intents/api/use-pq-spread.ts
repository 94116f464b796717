import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The pq-spread view of an underlying (SPEC §10.2); disabled while no underlying is known. */
export function usePqSpread(underlying: string | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.market.pqSpread.queryOptions(
      { underlying: underlying ?? '' },
      { enabled: underlying !== null, refetchInterval: 5000 },
    ),
  );
}
