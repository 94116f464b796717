import type { LoginFailureStore, SessionRecord, SessionStore } from './session-store.ts';

/**
 * Sessions in memory (unit tests, a single process without Redis). Times to live are not enforced here:
 * the auth layer's own timeout checks decide, as they do over Redis.
 */
export function createMemorySessionStore(): SessionStore {
  const records = new Map<string, SessionRecord>();
  return {
    create(idHash, record) {
      records.set(idHash, { ...record });
      return Promise.resolve();
    },
    get(idHash) {
      const record = records.get(idHash);
      return Promise.resolve(record === undefined ? null : { ...record });
    },
    refresh(idHash, record) {
      if (!records.has(idHash)) return Promise.resolve(false);
      records.set(idHash, { ...record });
      return Promise.resolve(true);
    },
    delete(idHash) {
      return Promise.resolve(records.delete(idHash));
    },
    deleteUser(username, options = {}) {
      const ended = [...records]
        .filter(([idHash, r]) => r.username === username && idHash !== options.except)
        .map(([idHash]) => idHash);
      for (const idHash of ended) records.delete(idHash);
      return Promise.resolve(ended);
    },
  };
}

/** Sign-in attempts in memory (one process: a synchronous check-and-count is atomic); a subject keeps only its newest window. */
export function createMemoryLoginFailureStore(): LoginFailureStore {
  const counts = new Map<string, { window: number; failures: number }>();
  const countOf = (subject: string, window: number): number => {
    const entry = counts.get(subject);
    return entry?.window === window ? entry.failures : 0;
  };
  return {
    count(subjects, window) {
      return Promise.resolve(subjects.map((subject) => countOf(subject, window)));
    },
    reserve(subjects, window, { limit }) {
      const before = subjects.map((subject) => countOf(subject, window));
      const reserved = before.every((count) => count < limit);
      if (reserved)
        subjects.forEach((subject, i) => counts.set(subject, { window, failures: (before[i] ?? 0) + 1 }));
      return Promise.resolve({ reserved, counts: before });
    },
    release(subjects, window) {
      for (const subject of subjects) {
        const count = countOf(subject, window);
        if (count > 0) counts.set(subject, { window, failures: count - 1 });
      }
      return Promise.resolve();
    },
  };
}
