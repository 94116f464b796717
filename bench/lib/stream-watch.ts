import type { Redis } from 'ioredis';
import { entryMs } from './stream-ids.ts';

/** When an output entry of an intent was seen: by the reader (performance.now()) and by Redis (its id's ms). */
export interface Seen {
  atMs: number;
  entryMs: number;
}

type ReadReply = [string, [string, string[]][]][] | null;

/**
 * Follows a stream from its end on a connection of its own (XREAD BLOCK) and records, per `intent_id` of
 * its messages, the first time it saw one; `stop()` ends it.
 */
export function watchStream(connection: Redis, key: string): { seen: Map<string, Seen>; stop: () => void } {
  const seen = new Map<string, Seen>();
  let stopped = false;
  void (async () => {
    let lastId = '$';
    while (!stopped) {
      const reply = (await connection
        .call('XREAD', 'COUNT', 1000, 'BLOCK', 0, 'STREAMS', key, lastId)
        .catch(() => null)) as ReadReply;
      const atMs = performance.now();
      for (const [id, fields] of reply?.[0]?.[1] ?? []) {
        lastId = id;
        const { intent_id: intentId } = JSON.parse(fields[1] ?? '{}') as { intent_id?: string };
        if (intentId && !seen.has(intentId)) seen.set(intentId, { atMs, entryMs: entryMs(id) });
      }
    }
  })();
  return {
    seen,
    stop: () => {
      stopped = true;
      connection.disconnect();
    },
  };
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
