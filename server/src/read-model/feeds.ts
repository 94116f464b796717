import type { StreamName } from '@gamma/shared';
import type { Bus, Entry } from '../bus/bus.ts';
import type { Logger } from '../lib/logger.ts';

/** One stream the read model follows: how much history to warm up from, and how to apply an entry. */
export interface Feed {
  readonly name: StreamName;
  /** Applies the newest `count` entries, oldest first; returns the id to tail after */
  warmUp(bus: Bus): Promise<string>;
  /** Applies live entries after `after` until the signal aborts; reattaches after errors */
  follow(bus: Bus, after: string, options: { signal: AbortSignal; log: Logger }): Promise<void>;
}

/** Waits `ms`, or less when the signal aborts. */
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** A feed of one stream. */
export function feed<TName extends StreamName>(
  name: TName,
  count: number,
  apply: (entry: Entry<TName>) => void,
): Feed {
  return {
    name,
    async warmUp(bus) {
      const newestFirst = await bus.latest(name, count);
      for (const entry of [...newestFirst].reverse()) apply(entry);
      // An empty stream: everything after 0-0 is new
      return newestFirst[0]?.id ?? '0-0';
    },
    async follow(bus, after, { signal, log }) {
      let cursor = after;
      let failures = 0;
      while (!signal.aborted) {
        try {
          for await (const entry of bus.tail(name, { after: cursor, signal })) {
            apply(entry);
            cursor = entry.id;
            failures = 0;
          }
        } catch (error) {
          if (signal.aborted) break;
          failures += 1;
          log.warn('read model tail failed; retrying', { stream: name, error: String(error), failures });
        }
        // Backoff before reattaching (a tail only ends on abort or error)
        if (!signal.aborted) await pause(Math.min(5000, 250 * 2 ** Math.min(failures, 5)), signal);
      }
    },
  };
}
