import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** Approve and veto mutations; each success refetches the pending list and the intent feed. */
export function useDecideApproval() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.approvals.pending.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.intents.recent.queryKey() }),
    ]);
  };
  const approve = useMutation(trpc.approvals.approve.mutationOptions({ onSettled }));
  const veto = useMutation(trpc.approvals.veto.mutationOptions({ onSettled }));
  return { approve, veto };
}
