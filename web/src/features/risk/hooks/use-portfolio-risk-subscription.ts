import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';
import { useRiskStore } from '../stores/risk-store';

/** Feeds the risk store from `onPortfolioRisk`. Mount once. */
export function usePortfolioRiskSubscription(): void {
  const trpc = useTRPC();
  const receive = useRiskStore((s) => s.receive);
  useSubscription(
    trpc.onPortfolioRisk.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => receive(data, id),
    }),
  );
}
