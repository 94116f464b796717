import type { OnceMarks } from '../once/once-marks.ts';
import {
  createTradingStateStore,
  type TradingStateBackend,
  type TradingStateStore,
} from './trading-state-store.ts';

/** What the in-memory twin keeps; share one between stores to act as one storage seen by two processes. */
export interface MemoryTradingStateData {
  fields: Map<string, string>;
  outbox: Map<number, string>;
  seq: number;
}

/** Empty in-memory trading-state storage. */
export const memoryTradingStateData = (): MemoryTradingStateData => ({
  fields: new Map(),
  outbox: new Map(),
  seq: 0,
});

/** Trading states in memory (unit tests, one process); each write is one synchronous step, like the script. */
export function createMemoryTradingStateStore(
  once: OnceMarks,
  data: MemoryTradingStateData = memoryTradingStateData(),
): TradingStateStore {
  const backend: TradingStateBackend = {
    fields: () => Promise.resolve(Object.fromEntries(data.fields)),
    field: (field) => Promise.resolve(data.fields.get(field) ?? null),
    write({ field, expected, record, event }) {
      if ((data.fields.get(field) ?? null) !== expected) return Promise.resolve(null);
      data.fields.set(field, record);
      data.seq += 1;
      data.outbox.set(data.seq, event);
      return Promise.resolve(data.seq);
    },
    queued: () =>
      Promise.resolve([...data.outbox].map(([seq, event]) => ({ seq, event })).sort((a, b) => a.seq - b.seq)),
    drop(seq) {
      data.outbox.delete(seq);
      return Promise.resolve();
    },
  };
  return createTradingStateStore(backend, once);
}
