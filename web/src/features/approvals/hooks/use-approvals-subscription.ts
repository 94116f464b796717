import type { IntentDecisionEvent } from '@gamma/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';
import { useApprovalsStore } from '../stores/approvals-store';

/**
 * Feeds the approvals store from `onDecision` and refetches the pending list on every decision; `onDecision`
 * sees each decision first, while the pending list still says what was pending. Mount once.
 */
export function useApprovalsSubscription(onDecision?: (event: IntentDecisionEvent) => void): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const receiveDecision = useApprovalsStore((s) => s.receiveDecision);
  useSubscription(
    trpc.onDecision.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => {
        onDecision?.(data);
        receiveDecision(data, id);
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.pending.queryKey() });
      },
    }),
  );
}
