import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';

/**
 * Keeps the Orders page live while it is open: each order command, fill or execution rejection on the bus
 * refetches `orders.list` (only the filter on screen refetches). Subscribed like every live input, from the
 * newest entry, so a lost socket resumes without a gap.
 */
export function useOrdersSubscription(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.orders.list.pathKey() });
  useSubscription(trpc.onOrderCommand.subscriptionOptions(LIVE_FROM_LATEST, { onData: refetch }));
  useSubscription(trpc.onFill.subscriptionOptions(LIVE_FROM_LATEST, { onData: refetch }));
  useSubscription(
    trpc.onDecision.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ data }) => {
        if (data.status === 'execution_rejected') refetch();
      },
    }),
  );
}
