import type { DecisionStatus, IntentDecisionEvent } from '@gamma/shared';
import { create } from 'zustand';
import { applyOnce, type EntryCursors } from '@/lib/entry-cursor';

/** Most decided intents remembered (oldest forgotten first). */
export const MAX_RESOLVED = 500;

/** Live approval state from `onDecision`. */
export interface ApprovalsLiveState {
  /** Latest decision status per intent id, terminal or approved */
  resolved: Readonly<Record<string, DecisionStatus>>;
  /** Intent ids in the order they were resolved (for the cap) */
  order: readonly string[];
  /** Decisions received so far (any status) */
  decisionCount: number;
}

/** The empty live state. */
export const EMPTY_APPROVALS_STATE: ApprovalsLiveState = { resolved: {}, order: [], decisionCount: 0 };

/** Decision statuses that leave an intent waiting for a trader (the second of two, for four-eyes). */
const STILL_OPEN: ReadonlySet<DecisionStatus> = new Set(['pending_approval', 'awaiting_second_approval']);

/** Reducer: one decision event. `pending_approval` and `awaiting_second_approval` only count; other statuses resolve the intent. */
export function applyDecision(
  state: ApprovalsLiveState,
  event: Pick<IntentDecisionEvent, 'intent_id' | 'status'>,
): ApprovalsLiveState {
  const decisionCount = state.decisionCount + 1;
  if (STILL_OPEN.has(event.status)) return { ...state, decisionCount };
  const known = Object.hasOwn(state.resolved, event.intent_id);
  const order = known ? state.order : [...state.order, event.intent_id];
  const resolved: Record<string, DecisionStatus> = { ...state.resolved, [event.intent_id]: event.status };
  const overflow = order.length - MAX_RESOLVED;
  for (const id of order.slice(0, Math.max(0, overflow))) delete resolved[id];
  return { resolved, order: overflow > 0 ? order.slice(overflow) : order, decisionCount };
}

export interface ApprovalsState extends ApprovalsLiveState {
  /** Last `intent.decision` entry id applied, so a resumed subscription never applies a decision twice */
  cursors: EntryCursors;
  /** One decision with the stream entry id it was tracked by */
  receiveDecision: (event: IntentDecisionEvent, entryId: string) => void;
}

/** Approvals live state; written only by `useApprovalsSubscription`. */
export const useApprovalsStore = create<ApprovalsState>()((set) => ({
  ...EMPTY_APPROVALS_STATE,
  cursors: {},
  receiveDecision: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'intent.decision', id }, (x) => ({ ...x, ...applyDecision(x, event) })),
    ),
}));
