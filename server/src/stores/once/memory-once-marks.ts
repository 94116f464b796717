import type { Bus } from '../../bus/bus.ts';
import { encodeMessage } from '../../bus/codec.ts';
import { DONE, type OnceMarks } from './once-marks.ts';

/** Once marks in memory, with a hook a test uses to stop a step half-way. */
export interface MemoryOnceMarks extends OnceMarks {
  /** Every mark set, as `<scope>:<key>` (records) or `<stream>|<scope>:<key>` (done-marks) */
  keys(): string[];
}

/**
 * Once marks in memory (unit tests; one process; TTLs are not enforced). `append` publishes on the
 * in-memory bus and sets the mark in one synchronous step: every message is validated first, and
 * `InMemoryBus.publish` appends before its first await, so no other handler runs in between.
 */
export function createMemoryOnceMarks(bus: Bus): MemoryOnceMarks {
  const records = new Map<string, string>();
  const marks = new Map<string, string>();
  return {
    async append(effect) {
      const id = `${effect.stream}|${effect.scope}:${effect.key}`;
      const done = marks.get(id);
      if (done !== undefined) return { first: false, outcome: done };
      for (const m of effect.messages) encodeMessage(effect.stream, m);
      const outcome = effect.outcome ?? DONE;
      const published = effect.messages.map((m) => bus.publish(effect.stream, m));
      marks.set(id, outcome);
      try {
        await Promise.all(published);
      } catch (error) {
        // A closed bus refuses every message before appending any: the effect did not happen
        marks.delete(id);
        throw error;
      }
      return { first: true, outcome };
    },
    appended(stream, scope, ids) {
      return Promise.resolve(ids.map((key) => marks.get(`${stream}|${scope}:${key}`) ?? null));
    },
    record(scope, key, { outcome }) {
      const id = `${scope}:${key}`;
      const earlier = records.get(id);
      if (earlier !== undefined) return Promise.resolve({ first: false, outcome: earlier });
      records.set(id, outcome);
      return Promise.resolve({ first: true, outcome });
    },
    recorded: (scope, key) => Promise.resolve(records.get(`${scope}:${key}`) ?? null),
    keys: () => [...records.keys(), ...marks.keys()],
  };
}
