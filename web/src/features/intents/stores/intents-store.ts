import {
  STATUS_OF_DECISION,
  type IntentDecisionEvent,
  type IntentStatus,
  type OrderFillEvent,
  type StrategyIntentEvent,
} from '@gamma/shared';
import { create } from 'zustand';
import { applyOnce, type EntryCursors } from '@/lib/entry-cursor';
import { mergeStatus, statusAfterFills } from '../core/intent-status';

/** Most live intents kept (newest first). */
export const MAX_LIVE_INTENTS = 100;

/** Live intent state from `onIntent`, `onDecision` and `onFill`. */
export interface IntentsLiveState {
  /** Intents received live, newest first */
  live: readonly StrategyIntentEvent[];
  /** Live status per intent id */
  statuses: Readonly<Record<string, IntentStatus>>;
  /** Filled legs (client order ids) per intent id */
  filledLegs: Readonly<Record<string, readonly string[]>>;
}

export const EMPTY_INTENTS_STATE: IntentsLiveState = { live: [], statuses: {}, filledLegs: {} };

/** Reducer: a new intent (a repeat is ignored); holds get status `hold`, others `received`. */
export function applyIntent(state: IntentsLiveState, intent: StrategyIntentEvent): IntentsLiveState {
  if (state.live.some((i) => i.intent_id === intent.intent_id)) return state;
  const initial: IntentStatus = intent.action === 'hold' ? 'hold' : 'received';
  return {
    ...state,
    live: [intent, ...state.live].slice(0, MAX_LIVE_INTENTS),
    statuses: {
      ...state.statuses,
      [intent.intent_id]: mergeStatus(state.statuses[intent.intent_id], initial) ?? initial,
    },
  };
}

/** Reducer: a decision moves the intent's status forward. */
export function applyDecisionToIntents(
  state: IntentsLiveState,
  event: Pick<IntentDecisionEvent, 'intent_id' | 'status'>,
): IntentsLiveState {
  const next = mergeStatus(state.statuses[event.intent_id], STATUS_OF_DECISION[event.status]);
  if (next === undefined || next === state.statuses[event.intent_id]) return state;
  return { ...state, statuses: { ...state.statuses, [event.intent_id]: next } };
}

/** Reducer: a fill of one leg; filled once every leg of the intent's action filled. */
export function applyFill(
  state: IntentsLiveState,
  fill: Pick<OrderFillEvent, 'intent_id' | 'client_order_id' | 'order_id'>,
): IntentsLiveState {
  const id = fill.intent_id;
  if (id === null) return state;
  const leg = fill.client_order_id ?? fill.order_id;
  const legs = state.filledLegs[id] ?? [];
  const filled = legs.includes(leg) ? legs : [...legs, leg];
  const action = state.live.find((i) => i.intent_id === id)?.action;
  const status = mergeStatus(state.statuses[id], statusAfterFills(action, filled.length));
  return {
    ...state,
    filledLegs: { ...state.filledLegs, [id]: filled },
    statuses: status === undefined ? state.statuses : { ...state.statuses, [id]: status },
  };
}

/** Each live update with the stream entry id it was tracked by. */
export interface IntentsState extends IntentsLiveState {
  /** Last entry id applied per stream, so a resumed subscription never applies an entry twice */
  cursors: EntryCursors;
  receiveIntent: (intent: StrategyIntentEvent, entryId: string) => void;
  receiveDecision: (event: IntentDecisionEvent, entryId: string) => void;
  receiveFill: (fill: OrderFillEvent, entryId: string) => void;
}

/** Live intents; written only by `useIntentsSubscription`. */
export const useIntentsStore = create<IntentsState>()((set) => ({
  ...EMPTY_INTENTS_STATE,
  cursors: {},
  receiveIntent: (intent, id) =>
    set((s) => applyOnce(s, { stream: 'strategy.intent', id }, (x) => ({ ...x, ...applyIntent(x, intent) }))),
  receiveDecision: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'intent.decision', id }, (x) => ({ ...x, ...applyDecisionToIntents(x, event) })),
    ),
  receiveFill: (fill, id) =>
    set((s) => applyOnce(s, { stream: 'order.fill', id }, (x) => ({ ...x, ...applyFill(x, fill) }))),
}));
