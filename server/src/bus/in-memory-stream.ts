import type { Clock } from '../lib/clock.ts';
import type { EntryFields, RawEntry } from './codec.ts';
import { compareEntryIds } from './entry-id.ts';

/** One stream held in memory: append-only entries with Redis-like ids and a wake-up for readers. */
export class InMemoryStream {
  readonly entries: RawEntry[] = [];
  private lastMs = -1;
  private seq = 0;
  private waiters = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  /** Appends an entry with id `<ms>-<seq>`, strictly greater than every earlier id, and wakes readers. */
  append(fields: EntryFields): string {
    const now = Math.floor(this.clock.now());
    if (now > this.lastMs) {
      this.lastMs = now;
      this.seq = 0;
    } else {
      this.seq += 1;
    }
    const id = `${this.lastMs}-${this.seq}`;
    this.entries.push({ id, fields: Array.isArray(fields) ? [...fields] : { ...fields } });
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
    return id;
  }

  /** The index of the first entry whose id is strictly greater than `id`. */
  indexAfter(id: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.entries[mid];
      if (entry && compareEntryIds(entry.id, id) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Resolves on the next append, or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Yields the entries from index `start` on, then each new one, until `signal` aborts. */
  async *follow(start: number, signal: AbortSignal): AsyncGenerator<RawEntry> {
    let index = start;
    while (!signal.aborted) {
      const entry = this.entries[index];
      if (!entry) {
        await this.waitForAppend(signal);
        continue;
      }
      index += 1;
      yield entry;
    }
  }
}
