import { type DecisionStatus, type IntentStatus, isOptionAction } from '@gamma/shared';

/** The intent status a decision leads to (SPEC §5.3 item 10). */
export const STATUS_OF_DECISION = {
  pending_approval: 'pending',
  approved: 'approved',
  vetoed: 'vetoed',
  expired: 'expired',
  rejected_on_recheck: 'rejected_on_recheck',
  execution_rejected: 'execution_rejected',
} as const satisfies Record<DecisionStatus, IntentStatus>;

/** How far along an intent is; a status never moves to a lower rank (events may arrive out of order). */
const RANK = {
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

/** Combines two statuses of one intent: the further one wins, the first on a tie. */
export function mergeStatus(
  current: IntentStatus | undefined,
  next: IntentStatus | undefined,
): IntentStatus | undefined {
  if (current === undefined) return next;
  if (next === undefined) return current;
  return RANK[next] > RANK[current] ? next : current;
}

/** Legs an intent's action fills: two for the option structures, one otherwise. */
export const legsOf = (action: string): number => (isOptionAction(action) ? 2 : 1);

/** Status after fills of `filledLegs` distinct legs: filled when every leg filled, else executed. */
export function statusAfterFills(action: string | undefined, filledLegs: number): IntentStatus {
  if (action === undefined) return 'executed';
  return filledLegs >= legsOf(action) ? 'filled' : 'executed';
}

/** Signal tag of the latest intent (SPEC §10.3): long volatility, short volatility or hold. */
export function signalTag(
  intentType: string | null | undefined,
): 'long volatility' | 'short volatility' | 'hold' {
  if (intentType === 'increase_long_gamma') return 'long volatility';
  if (intentType === 'increase_short_gamma') return 'short volatility';
  return 'hold';
}
