import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The latest surface of an underlying (the live stream updates it on top). */
export function useVolSurface(underlying: string) {
  const trpc = useTRPC();
  return useQuery(trpc.market.volSurface.queryOptions({ underlying }, { enabled: underlying !== '' }));
}
