import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The latest forecast per horizon of an underlying, with the candidate models, and the trader's horizon. */
export function useForecasts(underlying: string) {
  const trpc = useTRPC();
  return useQuery(trpc.market.forecasts.queryOptions({ underlying }, { enabled: underlying !== '' }));
}
