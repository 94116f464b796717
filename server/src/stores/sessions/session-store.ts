/** One sign-in session as stored; the session id itself is never stored, only its hash names the record. */
export interface SessionRecord {
  username: string;
  /** When it was created (sign-in), epoch ms: the absolute timeout counts from here and never moves */
  created_ms: number;
  /** When an HTTP request last refreshed it, epoch ms: the idle timeout counts from here */
  last_seen_ms: number;
}

/** How long a record and its user's index are kept (Redis expiry); the auth layer decides liveness itself. */
export interface SessionLifetime {
  /** The record's own time to live, ms (until its idle or absolute end, whichever is first) */
  ttlMs: number;
  /** The user's session index, ms: until the absolute end of the newest session */
  userTtlMs: number;
}

/**
 * Sign-in sessions by the sha256 of their id (server/src/auth/ makes ids and checks timeouts with its
 * clock). A record never comes back once deleted: `refresh` writes only over an existing one.
 */
export interface SessionStore {
  /** Saves a new session and indexes it under its user */
  create(idHash: string, record: SessionRecord, lifetime: SessionLifetime): Promise<void>;
  /** The stored record, or null when there is none (never created, deleted, or past its expiry) */
  get(idHash: string): Promise<SessionRecord | null>;
  /** Replaces an existing record and its time to live, ms; false (nothing written) when it is gone */
  refresh(idHash: string, record: SessionRecord, ttlMs: number): Promise<boolean>;
  /** Deletes one session; whether it existed */
  delete(idHash: string): Promise<boolean>;
  /** Deletes every session of a user; the id hashes of those that existed */
  deleteUser(username: string): Promise<string[]>;
}

/**
 * Failed sign-ins per subject (`user:<name>`, `addr:<address>`) in fixed windows (the auth layer numbers
 * them, e.g. epoch minutes). Counts of other windows are independent and expire by themselves.
 */
export interface LoginFailureStore {
  /** The failures of each subject in a window, in order */
  count(subjects: readonly string[], window: number): Promise<number[]>;
  /** Counts one more failure of each subject in a window, kept `ttlMs`; the new counts, in order */
  record(subjects: readonly string[], window: number, ttlMs: number): Promise<number[]>;
}
