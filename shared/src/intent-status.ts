import { isOptionAction } from './actions.ts';
import type { DecisionStatus } from './messages/intent-decision-event.ts';
import type { StreamName } from './messages/streams.ts';

/** Status of an intent as the console shows it (SPEC §5.3 item 10). */
export const INTENT_STATUSES = [
  'received',
  'pending',
  'approved',
  'executed',
  'filled',
  'vetoed',
  'expired',
  'rejected_on_recheck',
  'execution_rejected',
  'hold',
] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

/** Decision outcomes after which nothing else can happen to an intent, in the order the gateway prefers them. */
export const TERMINAL_INTENT_STATUSES = [
  'vetoed',
  'expired',
  'rejected_on_recheck',
  'execution_rejected',
] as const;

/**
 * How far along an intent is: `pending` → `approved` → `executed` → `filled`, with the terminal outcomes and
 * `hold` as far as `filled`, so whichever of them comes first stays.
 */
export const INTENT_STATUS_RANK = {
  received: 0,
  pending: 1,
  approved: 2,
  executed: 3,
  filled: 5,
  vetoed: 5,
  expired: 5,
  rejected_on_recheck: 5,
  execution_rejected: 5,
  hold: 5,
} as const satisfies Record<IntentStatus, number>;

/** The intent status a decision leads to (SPEC §5.3 item 10). */
export const STATUS_OF_DECISION = {
  pending_approval: 'pending',
  // Still waiting for a trader (the second of a four-eyes intent): pending for the console
  awaiting_second_approval: 'pending',
  approved: 'approved',
  vetoed: 'vetoed',
  expired: 'expired',
  rejected_on_recheck: 'rejected_on_recheck',
  execution_rejected: 'execution_rejected',
} as const satisfies Record<DecisionStatus, IntentStatus>;

/** Of two statuses of one intent, the further one by {@link INTENT_STATUS_RANK}; the first on a tie. */
export const furtherStatus = (current: IntentStatus, next: IntentStatus): IntentStatus =>
  INTENT_STATUS_RANK[next] > INTENT_STATUS_RANK[current] ? next : current;

/** Legs an intent's action fills: two for the option structures, one otherwise. */
export const legsOf = (action: string): number => (isOptionAction(action) ? 2 : 1);

/**
 * The streams of an intent's explainability chain (SPEC §12 item 4) in causal order: within one millisecond
 * a decision follows its intent, a fill its order.
 */
export const CAUSAL_STREAMS = [
  'strategy.signal',
  'strategy.intent',
  'intent.decision',
  'execution.command',
  'order.command',
  'order.fill',
  'position.update',
] as const satisfies readonly StreamName[];

/** Position of a stream in {@link CAUSAL_STREAMS}; streams outside the chain come after it. */
export function causalRank(stream: StreamName): number {
  const rank = (CAUSAL_STREAMS as readonly StreamName[]).indexOf(stream);
  return rank === -1 ? CAUSAL_STREAMS.length : rank;
}

/** Whether a stream belongs to an intent's explainability chain. */
export const isCausalStream = (stream: StreamName): boolean => causalRank(stream) < CAUSAL_STREAMS.length;
