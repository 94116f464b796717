import type {
  ExecutionCommandEvent,
  IntentApprovalCommand,
  IntentDecisionEvent,
  OrderCommand,
  OrderFillEvent,
  PositionUpdateEvent,
  StrategyIntentEvent,
  StrategySignalEvent,
} from '@gamma/shared';
import { compareIds, pushBounded } from './stream-id.ts';

/** One stream entry as the read model keeps it. */
export interface Stored<TMessage> {
  /** Stream entry id */
  id: string;
  message: TMessage;
}

/** Everything seen about one intent. */
export interface IntentRecord {
  intentId: string;
  /** Null while only later events of the intent were seen (warm-up window cut the intent off) */
  intent: Stored<StrategyIntentEvent> | null;
  decisions: Stored<IntentDecisionEvent>[];
  /** The trader's approve / veto commands (for the hops of explain; not part of the chain's nodes) */
  approvals: Stored<IntentApprovalCommand>[];
  executionCommands: Stored<ExecutionCommandEvent>[];
  orderCommands: Stored<OrderCommand>[];
  fills: Stored<OrderFillEvent>[];
}

/** The intents part of the read model. Mutated in place by the `apply*` functions below. */
export interface IntentsState {
  byId: Map<string, IntentRecord>;
  /** Latest intent (holds included) per strategy_id */
  latestByStrategy: Map<string, Stored<StrategyIntentEvent>>;
  /** Recent position updates (for explain chains; they carry no intent_id) */
  positionUpdates: Stored<PositionUpdateEvent>[];
  /** Recent legacy signals by entry id (for explain chains of converted signals) */
  signals: Map<string, Stored<StrategySignalEvent>>;
  maxIntents: number;
  maxPositionUpdates: number;
}

/** An empty intents state keeping at most `maxIntents` intents. */
export function createIntentsState(maxIntents = 5000, maxPositionUpdates = 5000): IntentsState {
  return {
    byId: new Map(),
    latestByStrategy: new Map(),
    positionUpdates: [],
    signals: new Map(),
    maxIntents,
    maxPositionUpdates,
  };
}

/** The intent id behind a client order id `<intent_id>-<leg>`; null when it has no such form. */
export function intentIdOfClientOrderId(clientOrderId: string | null): string | null {
  if (clientOrderId === null) return null;
  const match = /^(.+)-\d+$/.exec(clientOrderId);
  return match?.[1] ?? null;
}

function recordOf(state: IntentsState, intentId: string): IntentRecord {
  const existing = state.byId.get(intentId);
  if (existing) return existing;
  const created: IntentRecord = {
    intentId,
    intent: null,
    decisions: [],
    approvals: [],
    executionCommands: [],
    orderCommands: [],
    fills: [],
  };
  state.byId.set(intentId, created);
  // Map iteration is insertion order: the first keys are the oldest records
  while (state.byId.size > state.maxIntents) {
    const oldest = state.byId.keys().next();
    if (oldest.done === true) break;
    state.byId.delete(oldest.value);
  }
  return created;
}

/** Appends unless an entry with the same id is already there (warm-up and tail may overlap). */
function addUnique<TMessage>(list: Stored<TMessage>[], item: Stored<TMessage>): void {
  if (list.some((x) => x.id === item.id)) return;
  list.push(item);
  list.sort((a, b) => compareIds(a.id, b.id));
}

/** Records an intent from `strategy.intent`; a repeated intent_id keeps the first entry. */
export function applyIntent(state: IntentsState, entry: Stored<StrategyIntentEvent>): void {
  const record = recordOf(state, entry.message.intent_id);
  if (record.intent === null) record.intent = entry;
  const latest = state.latestByStrategy.get(entry.message.strategy_id);
  if (!latest || compareIds(latest.id, entry.id) < 0)
    state.latestByStrategy.set(entry.message.strategy_id, entry);
}

/** Records a decision from `intent.decision`; a repeated decision_id is kept once. */
export function applyDecision(state: IntentsState, entry: Stored<IntentDecisionEvent>): void {
  const record = recordOf(state, entry.message.intent_id);
  if (record.decisions.some((d) => d.message.decision_id === entry.message.decision_id)) return;
  addUnique(record.decisions, entry);
}

/** Records an approval command from `intent.approval`; a repeated command_id is kept once. */
export function applyApproval(state: IntentsState, entry: Stored<IntentApprovalCommand>): void {
  const record = recordOf(state, entry.message.intent_id);
  if (record.approvals.some((a) => a.message.command_id === entry.message.command_id)) return;
  addUnique(record.approvals, entry);
}

/** Records an execution command. */
export function applyExecutionCommand(state: IntentsState, entry: Stored<ExecutionCommandEvent>): void {
  addUnique(recordOf(state, entry.message.intent_id).executionCommands, entry);
}

/** Records an order command that belongs to an intent (others are ignored: they have no chain). */
export function applyOrderCommand(state: IntentsState, entry: Stored<OrderCommand>): void {
  const intentId = entry.message.intent_id ?? intentIdOfClientOrderId(entry.message.client_order_id);
  if (intentId === null) return;
  const record = recordOf(state, intentId);
  const key = entry.message.client_order_id;
  // A repeated client_order_id is the same order (the exchange dedupes on it)
  if (key !== null && record.orderCommands.some((o) => o.message.client_order_id === key)) return;
  addUnique(record.orderCommands, entry);
}

/** Records a fill that belongs to an intent. */
export function applyFill(state: IntentsState, entry: Stored<OrderFillEvent>): void {
  const intentId = entry.message.intent_id ?? intentIdOfClientOrderId(entry.message.client_order_id);
  if (intentId === null) return;
  addUnique(recordOf(state, intentId).fills, entry);
}

/** Keeps a recent position update. */
export function applyPositionUpdate(state: IntentsState, entry: Stored<PositionUpdateEvent>): void {
  pushBounded(state.positionUpdates, entry, state.maxPositionUpdates);
}

/** Keeps a recent legacy signal by entry id. */
export function applySignal(state: IntentsState, entry: Stored<StrategySignalEvent>): void {
  state.signals.set(entry.id, entry);
  while (state.signals.size > state.maxIntents) {
    const oldest = state.signals.keys().next();
    if (oldest.done === true) break;
    state.signals.delete(oldest.value);
  }
}
