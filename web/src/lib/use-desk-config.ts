import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** SPEC defaults shown until the server's `config` answers (and if it cannot be reached). */
const DEFAULTS = { maxFomoScore: 0.7, deltaThreshold: 0.05 };

/** The server's desk configuration: the FOMO gate and, per underlying, the delta threshold and hedge instrument. */
export function useDeskConfig() {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.config.queryOptions(), staleTime: Infinity });
  const byUnderlying = new Map(data?.underlyings.map((u) => [u.underlying, u]) ?? []);
  return {
    maxFomoScore: data?.max_fomo_score ?? DEFAULTS.maxFomoScore,
    deltaThresholdOf: (underlying: string): number =>
      byUnderlying.get(underlying)?.delta_threshold ?? DEFAULTS.deltaThreshold,
    hedgeInstrumentOf: (underlying: string): string =>
      byUnderlying.get(underlying)?.hedge_instrument ?? `${underlying.split('/')[0] ?? underlying}/USDT:USDT`,
  };
}
