import { useApprovalsSubscription } from '@/features/approvals/hooks/use-approvals-subscription';
import { useIntentsSubscription } from '@/features/intents/hooks/use-intents-subscription';
import { useMacroSubscription } from '@/features/macro/hooks/use-macro-subscription';
import { usePortfolioRiskSubscription } from '@/features/risk/hooks/use-portfolio-risk-subscription';
import { useTradingStateSubscription } from '@/features/trading-state/hooks/use-trading-state-subscription';

/** Mounts every feature's subscription hook exactly once (each feeds its own store). */
export function LiveSubscriptions() {
  useApprovalsSubscription();
  useIntentsSubscription();
  useMacroSubscription();
  usePortfolioRiskSubscription();
  useTradingStateSubscription();
  return null;
}
