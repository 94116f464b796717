import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';

/**
 * Follows `onPositionUpdate` (published by the exchange after each fill) and refetches the positions book and
 * the equity curve (only while the Positions page uses them). Mount once.
 */
export function usePositionsSubscription(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription(
    trpc.onPositionUpdate.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.positions.book.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.positions.equity.queryKey() });
      },
    }),
  );
}
