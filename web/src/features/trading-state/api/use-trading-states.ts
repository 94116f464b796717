import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The trading state of every scope set (the live changes update it on top). */
export function useTradingStates() {
  const trpc = useTRPC();
  return useQuery(trpc.risk.tradingState.queryOptions());
}

/** `risk.setTradingState`; each outcome refetches the snapshot (a failure becomes a toast). */
export function useSetTradingState() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.risk.setTradingState.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.risk.tradingState.queryKey() }),
    }),
  );
}

/** The base coins the desk trades (`BTC`, `ETH`), for the underlying scope. */
export function useDeskCoins(): string[] {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.config.queryOptions(), staleTime: Infinity });
  return (data?.underlyings ?? []).map((u) => u.underlying.split('/')[0] ?? u.underlying);
}
