import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** Latest portfolio risk per underlying (snapshot; the live stream updates it on top). */
export function usePortfolioRisk() {
  const trpc = useTRPC();
  return useQuery(trpc.risk.portfolio.queryOptions());
}
