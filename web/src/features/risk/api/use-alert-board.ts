import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/**
 * The alert board. `onAlert` refetches it at each alert (use-alert-subscription.ts); the gateway's read model
 * follows `risk.alert` on a tail of its own, so a refetch may land just before it has the alert: a 5 s poll
 * while shown catches up.
 */
export function useAlertBoard() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.risk.alertBoard.queryOptions(), refetchInterval: 5000 });
}

/** `risk.acknowledgeAlert`; each outcome refetches the board (a failure becomes a toast). */
export function useAcknowledgeAlert() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.risk.acknowledgeAlert.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.risk.alertBoard.queryKey() }),
    }),
  );
}
