import { furtherStatus, legsOf, type IntentStatus } from '@gamma/shared';

/** Combines two statuses of one intent: the further one wins, the first on a tie. */
export function mergeStatus(
  current: IntentStatus | undefined,
  next: IntentStatus | undefined,
): IntentStatus | undefined {
  if (current === undefined) return next;
  if (next === undefined) return current;
  return furtherStatus(current, next);
}

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
