import { useQuery } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

/** One pending approval as the server returns it. */
export type PendingApproval = RouterOutputs['approvals']['pending'][number];

/** Fallback poll of the pending list; `onDecision` events refetch it at once. */
export const PENDING_POLL_MS = 5000;

/** The pending approvals (SPEC §10.1). */
export function usePendingApprovals() {
  const trpc = useTRPC();
  return useQuery(trpc.approvals.pending.queryOptions(undefined, { refetchInterval: PENDING_POLL_MS }));
}
