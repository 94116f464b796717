import type { StreamName } from '@gamma/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Entry, TailOptions } from './bus.ts';
import { decodeEntry, errorText, type RawEntry } from './codec.ts';
import { compareEntryIds, parseEntryId } from './entry-id.ts';
import { streamKey } from '../keys/key-table.ts';
import { parseEntries } from './redis-replies.ts';
import { newestId, type ReaderDeps, type ReaderListener, type StreamReaders } from './stream-reader.ts';

/** What a tail needs from its bus. */
export interface TailDeps extends ReaderDeps {
  /** The per-stream readers whose live entries the tail follows */
  readers: StreamReaders;
  /** Aborted when the bus closes */
  closing: AbortSignal;
}

const MAX_BACKOFF_MS = 5_000;
/**
 * Live entries a tail may hold unread (its consumer is slower than the stream). Past it, the tail lets go
 * of the live queue and catches up from Redis from its last id, so a stalled subscriber costs no memory
 * beyond this and loses nothing.
 */
export const MAX_QUEUED_ENTRIES = 10_000;

/**
 * Reads a stream without a group (SPEC §2 Tails), strictly after `after` or after the stream's newest id
 * at call time. The tail attaches to its stream's shared reader first (one connection per stream, see
 * stream-reader.ts), then backfills with `XRANGE` on the command connection up to where the reader stood
 * when it attached, then yields the reader's live entries: no gap and no repeat. Undecodable entries are
 * skipped.
 * @throws Error at once when `after` is not an entry id.
 */
export function tailStream<TName extends StreamName>(
  deps: TailDeps,
  name: TName,
  options: TailOptions,
): AsyncIterable<Entry<TName>> {
  const key = streamKey(deps.prefix, name);
  const after = options.after;
  if (after != null) parseEntryId(after);
  // Asked now, not when iteration starts: entries published after this call are never skipped.
  const start = after != null ? Promise.resolve(after) : newestId(deps.redis, key);
  start.catch(() => undefined);
  const signal = options.signal ? AbortSignal.any([options.signal, deps.closing]) : deps.closing;
  return follow(deps, { name, key, start, signal });
}

/** The live entries handed to one tail, bounded by {@link MAX_QUEUED_ENTRIES}. */
class LiveQueue<TName extends StreamName> implements ReaderListener<TName> {
  private entries: Entry<TName>[] = [];
  private wake: (() => void) | null = null;
  overflowed = false;

  push(entry: Entry<TName>): void {
    if (this.overflowed) return;
    if (this.entries.length >= MAX_QUEUED_ENTRIES) {
      this.overflowed = true;
      this.entries = [];
    } else this.entries.push(entry);
    this.wake?.();
  }

  /** Everything queued, oldest first; the queue is empty afterwards. */
  take(): Entry<TName>[] {
    const taken = this.entries;
    this.entries = [];
    return taken;
  }

  /** Resolves when an entry arrives, the queue overflows or `signal` aborts. */
  async more(signal: AbortSignal): Promise<void> {
    if (this.entries.length > 0 || this.overflowed || signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.wake = null;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  reset(): void {
    this.entries = [];
    this.overflowed = false;
  }
}

interface TailState<TName extends StreamName> {
  name: TName;
  key: string;
  start: Promise<string>;
  signal: AbortSignal;
}

async function* follow<TName extends StreamName>(
  deps: TailDeps,
  state: TailState<TName>,
): AsyncGenerator<Entry<TName>> {
  const { name, key, signal } = state;
  let cursor: string;
  try {
    cursor = await state.start;
  } catch (error) {
    // The bus closed before Redis told the newest id: the tail simply ends.
    if (signal.aborted) return;
    throw error;
  }
  const reader = deps.readers.acquire(name);
  const queue = new LiveQueue<TName>();
  let failures = 0;
  try {
    while (!signal.aborted) {
      queue.reset();
      // Attach before backfilling, or entries the reader hands out meanwhile would be lost
      const position = await reader.attach(queue, signal);
      if (position === null) return;
      let failed = false;
      while (compareEntryIds(cursor, position) < 0) {
        const page = await rangeOrNull(deps, { key, after: cursor, until: position });
        if (page === null) {
          failed = true;
          break;
        }
        for (const raw of page) {
          cursor = raw.id;
          const entry = decoded(deps, name, raw);
          if (entry !== null) yield entry;
          if (signal.aborted) return;
        }
        // A short page: nothing else up to `position` (trimmed or deleted entries leave no trace)
        if (page.length < deps.readCount) cursor = position;
      }
      if (failed) {
        // Back off, then attach again and go on from the last entry yielded
        reader.detach(queue);
        failures += 1;
        const delayMs = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 6));
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
        continue;
      }
      failures = 0;
      for await (const entry of liveAfter(queue, cursor, signal)) {
        cursor = entry.id;
        yield entry;
      }
      reader.detach(queue);
      if (queue.overflowed)
        deps.log.warn('tail fell behind its stream; catching up from Redis', { stream: name, after: cursor });
    }
  } finally {
    reader.detach(queue);
    deps.readers.release(reader);
  }
}

/** The queued live entries after `cursor`, until the queue overflows or `signal` aborts. */
async function* liveAfter<TName extends StreamName>(
  queue: LiveQueue<TName>,
  cursor: string,
  signal: AbortSignal,
): AsyncGenerator<Entry<TName>> {
  // Entries queued are in stream order: once one is past the cursor, every later one is too
  let checking = true;
  while (!signal.aborted && !queue.overflowed) {
    const batch = queue.take();
    if (batch.length === 0) await queue.more(signal);
    for (const entry of batch) {
      if (checking && compareEntryIds(entry.id, cursor) <= 0) continue;
      checking = false;
      yield entry;
      if (signal.aborted) return;
    }
  }
}

/** Decodes a backfilled entry; null (logged) when it cannot be. */
function decoded<TName extends StreamName>(deps: TailDeps, name: TName, raw: RawEntry): Entry<TName> | null {
  const result = decodeEntry(name, raw.fields, deps.clock.now());
  if (result.ok) return { id: raw.id, stream: name, message: result.message };
  deps.log.debug('tail skipped an undecodable entry', {
    stream: name,
    entry_id: raw.id,
    reason: result.reason,
  });
  return null;
}

/** One page of entries in (`after`, `until`]; null (logged) when Redis fails. */
async function rangeOrNull(
  deps: TailDeps,
  range: { key: string; after: string; until: string },
): Promise<RawEntry[] | null> {
  try {
    const reply = await deps.redis.call(
      'XRANGE',
      range.key,
      `(${range.after}`,
      range.until,
      'COUNT',
      deps.readCount,
    );
    return parseEntries(reply, 'XRANGE').filter((entry): entry is RawEntry => entry.fields !== null);
  } catch (error) {
    deps.log.warn('tail backfill failed; retrying', { key: range.key, error: errorText(error) });
    return null;
  }
}
