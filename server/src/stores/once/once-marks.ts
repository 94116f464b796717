import type { StreamInput, StreamName } from '@gamma/shared';
import type { OnceScope } from '../../keys/key-table.ts';

export type { OnceScope } from '../../keys/key-table.ts';

/** What a once step found: whether this call did it, and the outcome kept by whichever call did. */
export interface Done {
  first: boolean;
  outcome: string;
}

/** One effect that appends entries to one stream (see {@link OnceMarks.append}). */
export interface AppendOnce<TName extends StreamName> {
  stream: TName;
  scope: OnceScope;
  key: string;
  /** Appended in order, all or none; may be empty (the mark alone is written) */
  messages: readonly StreamInput<TName>[];
  /** Kept in the done-mark; a redelivery reads it back (default `'1'`) */
  outcome?: string;
  ttlS: number;
}

/**
 * Effects exactly once under redelivery and kill -9 (SPEC §2: handlers are safe to repeat). Nothing is
 * claimed before it happens: each step writes its effect and its done-mark in one atomic operation, so
 * a process killed at any point leaves either the whole step or nothing, and a redelivery redoes exactly
 * the steps that are missing.
 *
 * - `append`: the effect is "these entries on one stream": they are appended and the mark set together
 *   (one Lua script in Redis, the mark in the stream's cluster slot; one synchronous step in memory).
 * - `record`: a decision that later steps act on (a plan, a route): the first outcome recorded for a key
 *   wins, and every later call gets that outcome back, so a redone step acts on the same decision.
 */
export interface OnceMarks {
  /** Appends every message and sets the done-mark atomically, unless the mark is set already. */
  append<TName extends StreamName>(effect: AppendOnce<TName>): Promise<Done>;
  /** The outcomes kept by the done-marks of `keys` on `stream` (null where none is set), in order. */
  appended(stream: StreamName, scope: OnceScope, keys: readonly string[]): Promise<(string | null)[]>;
  /** Records `outcome` unless an outcome is recorded for the key; returns the recorded one. */
  record(scope: OnceScope, key: string, settled: { outcome: string; ttlS: number }): Promise<Done>;
  /** The recorded outcome of a key, or null. */
  recorded(scope: OnceScope, key: string): Promise<string | null>;
}

/** The outcome of an append that keeps none. */
export const DONE = '1';

/**
 * How long a record keyed by an intent (a done-mark, an approval) is kept: as long as intent ids are
 * remembered (SPEC §5.2: 7 days).
 */
export const INTENT_MEMORY_TTL_S = 7 * 24 * 3600;

/** A TTL Redis accepts: whole seconds, at least one. */
export const wholeSeconds = (ttlS: number): number => Math.max(1, Math.round(ttlS));
