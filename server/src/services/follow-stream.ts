import { setTimeout as sleep } from 'node:timers/promises';
import type { StreamMessage, StreamName } from '@gamma/shared';
import type { Bus, Subscription } from '../bus/bus.ts';
import type { Logger } from '../lib/logger.ts';

const RETRY_MS = 1_000;

/** What to do with each entry of a followed stream, from where, and where failures go. */
export interface FollowOptions<TName extends StreamName> {
  handle: (message: StreamMessage<TName>, entry: { id: string }) => Promise<void> | void;
  log: Logger;
  /** Entries strictly after this id (a restored watermark); absent: only entries published from now on */
  after?: string | null;
}

/**
 * Reads a stream as a tail, without a consumer group, so every process of a service sees every entry
 * (market data every process prices with, the fills every risk process folds) instead of a share of
 * them (README, "Scaling"). A handler that throws is logged and the tail goes on: latest-wins data has
 * no redelivery. Returns a subscription whose `close()` stops the tail and waits for the handler in flight.
 */
export function followStream<TName extends StreamName>(
  bus: Bus,
  name: TName,
  options: FollowOptions<TName>,
): Subscription {
  const abort = new AbortController();
  const { log, handle } = options;
  const run = async (): Promise<void> => {
    let after = options.after ?? null;
    while (!abort.signal.aborted) {
      try {
        for await (const entry of bus.tail(name, { after, signal: abort.signal })) {
          after = entry.id;
          try {
            await handle(entry.message, entry);
          } catch (error) {
            log.error('handling a followed entry failed', {
              stream: name,
              entry_id: entry.id,
              error: String(error),
            });
          }
        }
        return;
      } catch (error) {
        // The tail broke (a bus closing, Redis gone): go on from the last entry handled unless stopping
        if (abort.signal.aborted) return;
        log.warn('following a stream failed; resuming', { stream: name, error: String(error) });
        await sleep(RETRY_MS, undefined, { signal: abort.signal }).catch(() => undefined);
      }
    }
  };
  const done = run();
  return {
    async close() {
      abort.abort();
      await done;
    },
  };
}
