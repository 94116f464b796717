import type { OnceScope } from '../../keys/key-table.ts';

export type { OnceScope } from '../../keys/key-table.ts';

/**
 * Effect-once marks (SPEC §2: handlers are safe to repeat): `claim` succeeds once per scope and key
 * until the mark is released or expires, so a redelivered entry does not repeat its effect. The effect's
 * outcome can be kept beside the mark (the paper exchange answers a repeated order id with it).
 */
export interface OnceMarks {
  /** True the first time a key is claimed; false while it is held. */
  claim(scope: OnceScope, key: string, ttlS: number): Promise<boolean>;
  /** Forgets a mark (the effect it guarded failed and must be retried). */
  release(scope: OnceScope, key: string): Promise<void>;
  /** Keeps the outcome of a claimed effect beside its mark, which stays held for another `ttlS`. */
  settle(scope: OnceScope, key: string, settled: { outcome: string; ttlS: number }): Promise<void>;
  /** The outcome kept by `settle`; null when the key is not claimed or its effect has not settled. */
  outcome(scope: OnceScope, key: string): Promise<string | null>;
}

/** The value of a mark whose effect has not settled yet. */
export const CLAIMED = 'claimed';

/** A TTL Redis accepts: whole seconds, at least one. */
export const wholeSeconds = (ttlS: number): number => Math.max(1, Math.round(ttlS));
