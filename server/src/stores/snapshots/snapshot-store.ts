import type { StreamName } from '@gamma/shared';
import type { z } from 'zod';

/** A service's state as it was after folding its input streams up to the entry ids in `covers`. */
export interface Snapshot<TState = unknown> {
  /** The version of the state's shape; a reader expecting another version rejects the snapshot */
  schema: number;
  /** Per input stream, the newest entry id folded into `state`; a restore reads each stream after it */
  covers: Partial<Record<StreamName, string>>;
  /** When it was taken, epoch ms */
  takenAtMs: number;
  /** The state, plain JSON */
  state: TState;
}

/** What a reader expects: the state version and the state's schema. */
export interface SnapshotFormat<TState> {
  schema: number;
  state: z.ZodType<TState>;
}

/** The outcome of loading a snapshot: none saved, a valid one, or one rejected (with why). */
export type SnapshotReading<TState> =
  { status: 'none' } | { status: 'ok'; snapshot: Snapshot<TState> } | { status: 'rejected'; reason: string };

/**
 * One durable snapshot per owner (a service name: `engine`, `risk-service`, …), written whole and read
 * whole; a restore is the snapshot plus each stream read after the entry id the snapshot covers.
 */
export interface SnapshotStore {
  /** Replaces the owner's snapshot. */
  save(owner: string, snapshot: Snapshot): Promise<void>;
  /** The owner's snapshot checked against `format`: a record that is not JSON, of another version or
   * whose state does not parse is `rejected`, never thrown, so the caller rebuilds from the streams. */
  load<TState>(owner: string, format: SnapshotFormat<TState>): Promise<SnapshotReading<TState>>;
  /**
   * When `stream` has lost entries (MAXLEN trimming, XDEL) and its oldest kept entry is newer than
   * `afterId`: that oldest kept id. Entries between `afterId` and it may be gone (the storage cannot say
   * whether there were any), so a restore reading after `afterId` may have a gap. Null otherwise.
   */
  trimmedAfter(stream: StreamName, afterId: string): Promise<string | null>;
}
