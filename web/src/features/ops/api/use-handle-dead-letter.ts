import { useMutation, useQueryClient } from '@tanstack/react-query';
import { QUIET_SIGNED_IN } from '@/lib/query-client';
import { useTRPC } from '@/lib/trpc';

/** Requeue and discard of one dead letter (admin); errors are shown by the row, not as toasts. */
export function useHandleDeadLetter() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: trpc.monitoring.deadLetters.queryKey() });
  const requeue = useMutation(
    trpc.monitoring.requeueDeadLetter.mutationOptions({ onSettled, meta: QUIET_SIGNED_IN }),
  );
  const discard = useMutation(
    trpc.monitoring.discardDeadLetter.mutationOptions({ onSettled, meta: QUIET_SIGNED_IN }),
  );
  return { requeue, discard };
}
