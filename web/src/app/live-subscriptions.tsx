import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type PendingApproval, usePendingApprovals } from '@/features/approvals/api/use-pending-approvals';
import { useApprovalsSubscription } from '@/features/approvals/hooks/use-approvals-subscription';
import { useIntentsSubscription } from '@/features/intents/hooks/use-intents-subscription';
import { useMacroSubscription } from '@/features/macro/hooks/use-macro-subscription';
import { useAlertNotifications } from '@/features/notify/hooks/use-alert-notifications';
import { useDecisionNotices } from '@/features/notify/hooks/use-decision-notices';
import { usePendingTitle } from '@/features/notify/hooks/use-pending-title';
import { usePositionsSubscription } from '@/features/positions/hooks/use-positions-subscription';
import { useAlertSubscription } from '@/features/risk/hooks/use-alert-subscription';
import { usePortfolioRiskSubscription } from '@/features/risk/hooks/use-portfolio-risk-subscription';
import { useTradingStateSubscription } from '@/features/trading-state/hooks/use-trading-state-subscription';
import { useTRPC } from '@/lib/trpc';

/**
 * Mounts every feature's subscription hook exactly once (each feeds its own store), and what tells the trader
 * without looking: the pending count in the tab's title, toasts of others' decisions, browser notifications.
 */
export function LiveSubscriptions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listed = useCallback(
    (intentId: string) =>
      (queryClient.getQueryData<PendingApproval[]>(trpc.approvals.pending.queryKey()) ?? []).some(
        (p) => p.intent.intent_id === intentId,
      ),
    [queryClient, trpc],
  );
  useApprovalsSubscription(useDecisionNotices(listed));
  useIntentsSubscription();
  useMacroSubscription();
  usePortfolioRiskSubscription();
  usePositionsSubscription();
  useAlertSubscription();
  useTradingStateSubscription();
  useAlertNotifications();
  usePendingTitle(usePendingApprovals().data?.length ?? 0);
  return null;
}
