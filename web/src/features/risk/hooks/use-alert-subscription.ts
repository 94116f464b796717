import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';

/** Follows `onAlert` and refetches the alert board at each alert (the board itself is the server's). Mount once. */
export function useAlertSubscription(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription(
    trpc.onAlert.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: () => void queryClient.invalidateQueries({ queryKey: trpc.risk.alertBoard.queryKey() }),
    }),
  );
}
