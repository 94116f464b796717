import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';
import { useMacroStore } from '../stores/macro-store';

/** Feeds the macro store from `onMacroState`. Mount once. */
export function useMacroSubscription(): void {
  const trpc = useTRPC();
  const receive = useMacroStore((s) => s.receive);
  useSubscription(
    trpc.onMacroState.subscriptionOptions(LIVE_FROM_LATEST, { onData: ({ id, data }) => receive(data, id) }),
  );
}
