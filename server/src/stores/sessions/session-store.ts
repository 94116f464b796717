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
  /**
   * Deletes every session of a user, but `except` (an id hash: the session changing its password); the id
   * hashes of those that existed
   */
  deleteUser(username: string, options?: { except?: string | undefined }): Promise<string[]>;
}

/** What {@link LoginFailureStore.reserve} decided. */
export interface LoginReservation {
  /** Whether every subject was below the limit, so one attempt of each is now counted */
  reserved: boolean;
  /** Each subject's count before this call, in order (what a refusal names) */
  counts: number[];
}

/**
 * Sign-in attempts per subject (`user:<name>`, `addr:<address>`) in fixed windows (the auth layer numbers
 * them, e.g. epoch minutes). An attempt is counted BEFORE its password is checked (`reserve`, atomic for
 * every subject at once, so concurrent attempts cannot all read the same count) and handed back when it
 * succeeds (`release`): a count is the failed attempts plus those still being checked. Counts of other
 * windows are independent and expire by themselves.
 */
export interface LoginFailureStore {
  /** The counts of each subject in a window, in order */
  count(subjects: readonly string[], window: number): Promise<number[]>;
  /**
   * Atomically: when every subject's count is below `bounds.limit`, counts one more attempt of each (kept
   * `bounds.ttlMs`); otherwise counts nothing.
   */
  reserve(
    subjects: readonly string[],
    window: number,
    bounds: { limit: number; ttlMs: number },
  ): Promise<LoginReservation>;
  /** Hands back one reserved attempt of each subject (never below zero): the attempt succeeded */
  release(subjects: readonly string[], window: number): Promise<void>;
}
