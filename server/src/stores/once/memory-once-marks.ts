import { CLAIMED, type OnceMarks } from './once-marks.ts';

/** Effect-once marks in memory (unit tests; one process). TTLs are not enforced. */
export function createMemoryOnceMarks(): OnceMarks & { keys(): string[] } {
  const marks = new Map<string, string>();
  const id = (scope: string, key: string) => `${scope}:${key}`;
  return {
    claim(scope, key) {
      if (marks.has(id(scope, key))) return Promise.resolve(false);
      marks.set(id(scope, key), CLAIMED);
      return Promise.resolve(true);
    },
    release(scope, key) {
      marks.delete(id(scope, key));
      return Promise.resolve();
    },
    settle(scope, key, { outcome }) {
      marks.set(id(scope, key), outcome);
      return Promise.resolve();
    },
    outcome(scope, key) {
      const value = marks.get(id(scope, key));
      return Promise.resolve(value === undefined || value === CLAIMED ? null : value);
    },
    /** Every held mark as `<scope>:<key>` (for tests) */
    keys: () => [...marks.keys()],
  };
}
