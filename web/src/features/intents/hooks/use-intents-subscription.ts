import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';
import { useIntentsStore } from '../stores/intents-store';

/**
 * Feeds the intents store from `onIntent`, `onDecision`, `onFill`; each event refetches `intents.recent` and
 * an open explain timeline (only queries in use refetch).
 */
export function useIntentsSubscription(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { receiveIntent, receiveDecision, receiveFill } = useIntentsStore.getState();
  const refetchRecent = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.intents.recent.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.intents.explain.pathKey() });
  };
  useSubscription(
    trpc.onIntent.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => (receiveIntent(data, id), refetchRecent()),
    }),
  );
  useSubscription(
    trpc.onDecision.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => (receiveDecision(data, id), refetchRecent()),
    }),
  );
  useSubscription(
    trpc.onFill.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => (receiveFill(data, id), refetchRecent()),
    }),
  );
}
