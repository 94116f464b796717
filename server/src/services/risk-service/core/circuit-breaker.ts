/**
 * A circuit breaker as a pure state machine (the caller passes the time). `closed`: requests go, and
 * `threshold` consecutive failures open it. `open`: no request goes until `cooldownMs` after it opened;
 * then the next request is a trial (`half_open`): its success closes the breaker, its failure opens it
 * again for another cool-down.
 */
export type BreakerState =
  | { readonly status: 'closed'; readonly failures: number }
  | { readonly status: 'open'; readonly openedAtMs: number }
  | { readonly status: 'half_open' };

export type BreakerStatus = BreakerState['status'];

/** When it opens and how long it stays open. */
export interface BreakerParams {
  /** Consecutive failures that open it (≥ 1) */
  threshold: number;
  /** Time from opening to the trial request, ms */
  cooldownMs: number;
}

/** A new breaker: closed, no failure counted. */
export const CLOSED_BREAKER: BreakerState = { status: 'closed', failures: 0 };

/**
 * Whether a request may go at `nowMs`, and the state it goes under: an open breaker whose cool-down
 * has passed lets one trial go and becomes `half_open`.
 */
export function admit(
  state: BreakerState,
  p: BreakerParams,
  nowMs: number,
): { allowed: boolean; state: BreakerState } {
  if (state.status !== 'open') return { allowed: true, state };
  if (nowMs - state.openedAtMs >= p.cooldownMs) return { allowed: true, state: { status: 'half_open' } };
  return { allowed: false, state };
}

/** A request that went succeeded: the breaker closes and forgets its failures. */
export const afterSuccess = (): BreakerState => CLOSED_BREAKER;

/** A request that went failed: the `threshold`-th consecutive failure, or a failed trial, opens it. */
export function afterFailure(state: BreakerState, p: BreakerParams, nowMs: number): BreakerState {
  if (state.status === 'open') return state;
  if (state.status === 'half_open') return { status: 'open', openedAtMs: nowMs };
  const failures = state.failures + 1;
  return failures >= p.threshold ? { status: 'open', openedAtMs: nowMs } : { status: 'closed', failures };
}

/** How old a reading is, and whether it is too old to use. */
export interface Freshness {
  /** The reading while it is fresh, else null */
  value: number | null;
  /** Seconds since it was taken; null when there is none */
  ageS: number | null;
  /** No reading, or one older than the limit */
  stale: boolean;
}

/** The freshness at `nowMs` of the last good reading (null: none yet), stale beyond `staleAfterMs`. */
export function freshnessOf(
  last: { value: number; atMs: number } | null,
  nowMs: number,
  staleAfterMs: number,
): Freshness {
  if (last === null) return { value: null, ageS: null, stale: true };
  const ageMs = Math.max(0, nowMs - last.atMs);
  const stale = ageMs > staleAfterMs;
  return { value: stale ? null : last.value, ageS: ageMs / 1000, stale };
}
