import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '@/lib/trpc';
import { useRiskStore } from '../stores/risk-store';

/** Feeds the risk store from `onPortfolioRisk`. Mount once. */
export function usePortfolioRiskSubscription(): void {
  const trpc = useTRPC();
  const receive = useRiskStore((s) => s.receive);
  useSubscription(trpc.onPortfolioRisk.subscriptionOptions({}, { onData: ({ data }) => receive(data) }));
}
