import type { StoreApi } from 'zustand';
import { useApprovalsStore } from '@/features/approvals/stores/approvals-store';
import { useIntentsStore } from '@/features/intents/stores/intents-store';
import { useMacroStore } from '@/features/macro/stores/macro-store';
import { useRiskStore } from '@/features/risk/stores/risk-store';
import { useTradingStateStore } from '@/features/trading-state/stores/trading-state-store';
import { useConnectionStore } from '@/stores/connection-store';
import { useNotificationsStore } from '@/stores/notifications-store';

/** Every store holding what the signed-in user saw live: emptied when the session ends. */
const LIVE_STORES = [
  useApprovalsStore,
  useIntentsStore,
  useMacroStore,
  useRiskStore,
  useTradingStateStore,
  useConnectionStore,
  useNotificationsStore,
] as const;

const reset = <TState>(store: Pick<StoreApi<TState>, 'setState' | 'getInitialState'>): void =>
  store.setState(store.getInitialState(), true);

/** Puts every live store back to its initial state (its data and its stream cursors). */
export function resetLiveStores(): void {
  for (const store of LIVE_STORES) reset<ReturnType<typeof store.getState>>(store);
}
