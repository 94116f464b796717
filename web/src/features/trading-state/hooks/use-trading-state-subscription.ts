import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';
import { useTradingStateStore } from '../stores/trading-state-store';

/** Feeds the trading-state store from `onTradingState` and refetches the snapshot on each change. Mount once. */
export function useTradingStateSubscription(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const receive = useTradingStateStore((s) => s.receive);
  useSubscription(
    trpc.onTradingState.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => {
        receive(data, id);
        void queryClient.invalidateQueries({ queryKey: trpc.risk.tradingState.queryKey() });
      },
    }),
  );
}
