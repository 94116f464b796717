import type { StreamName } from '@gamma/shared';
import type { Bus, Entry } from '../bus/bus.ts';
import { errorText } from '../bus/codec.ts';
import { compareEntryIds } from '../bus/entry-id.ts';
import type { Logger } from '../lib/logger.ts';
import { retryUntilDone } from '../lib/retry.ts';
import type { Snapshot, SnapshotFormat, SnapshotStore } from '../stores/snapshots/snapshot-store.ts';

/** What the snapshot helpers need of a service. */
export interface SnapshotDeps {
  snapshots: SnapshotStore;
  log: Logger;
  /** Aborted when the service closes: stops the retries */
  signal: AbortSignal;
}

/**
 * The owner's snapshot, or null when there is none or it is rejected (logged with its reason: the
 * service then rebuilds from the whole stream). Retries until the store answers or the service closes.
 */
export async function loadSnapshot<TState>(
  deps: SnapshotDeps,
  owner: string,
  format: SnapshotFormat<TState>,
): Promise<Snapshot<TState> | null> {
  const { log, signal } = deps;
  const what = `loading the ${owner} snapshot`;
  const reading = await retryUntilDone(() => deps.snapshots.load(owner, format), { log, what, signal });
  if (reading.status === 'ok') return reading.snapshot;
  if (reading.status === 'rejected')
    log.warn('snapshot rejected; rebuilding from the whole stream', { owner, reason: reading.reason });
  return null;
}

/**
 * Logs a warning for each stream trimmed (MAXLEN) past the entry the restore reads after: the entries
 * in between are gone, the restore goes on from what is left (docs/architecture.md, "Restore").
 */
export async function warnOnTrimmed(
  deps: SnapshotDeps,
  owner: string,
  after: Partial<Record<StreamName, string>>,
): Promise<void> {
  const { log, signal } = deps;
  for (const [stream, afterId] of Object.entries(after) as [StreamName, string][]) {
    const what = `checking ${stream} for trimmed entries`;
    const kept = await retryUntilDone(() => deps.snapshots.trimmedAfter(stream, afterId), {
      log,
      what,
      signal,
    });
    if (kept !== null)
      log.warn('stream trimmed past the restore point: entries in the gap are lost to the restore', {
        owner,
        stream,
        restore_after: afterId,
        oldest_kept: kept,
      });
  }
}

/** How long a closing service waits for its last snapshot to be saved. */
const CLOSE_SAVE_MS = 2_000;

/** Saves `take()` every `intervalMs` and once more on close; a failed save is logged, the next one retries. */
export class PeriodicSnapshots {
  private timer: ReturnType<typeof setInterval> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { snapshots: SnapshotStore; log: Logger },
    private readonly owner: string,
    private readonly take: () => Snapshot | null,
  ) {}

  /** Starts the periodic saves (none when `intervalMs` is 0). */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.save(), intervalMs);
    this.timer.unref();
  }

  /** Saves now (after any save in progress); never throws. */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const snapshot = this.take();
      if (snapshot === null) return;
      try {
        await this.deps.snapshots.save(this.owner, snapshot);
      } catch (error) {
        this.deps.log.error('snapshot not saved', { owner: this.owner, error: errorText(error) });
      }
    });
    return this.saving;
  }

  /**
   * Stops the timer and saves a last snapshot, waiting at most `CLOSE_SAVE_MS`: with Redis gone the save
   * would wait for ever, and the previous snapshot plus the stream still restore the same state.
   */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.deps.log.warn('last snapshot not saved in time; the previous one stands', { owner: this.owner });
        resolve();
      }, CLOSE_SAVE_MS);
    });
    await Promise.race([this.save(), late]);
    clearTimeout(timer);
  }
}

/**
 * Hands `apply` every entry of `name` after `after` up to `until` (inclusive), oldest first, then stops:
 * the replay of a stream's tail after a snapshot, up to the newest entry at start. Returns how many
 * entries were handed; ends early (returning the count so far) when `signal` aborts.
 */
export async function replayAfter<TName extends StreamName>(
  bus: Bus,
  range: { name: TName; after: string; until: string | null; signal: AbortSignal },
  apply: (entry: Entry<TName>) => void,
): Promise<number> {
  const { name, after, until, signal } = range;
  if (until === null || compareEntryIds(after, until) >= 0) return 0;
  let count = 0;
  for await (const entry of bus.tail(name, { after, signal })) {
    apply(entry);
    count += 1;
    if (compareEntryIds(entry.id, until) >= 0) break;
  }
  return count;
}

/** One stream of a merged replay: its entries after `after` up to `until` (inclusive). */
export interface ReplayRange {
  name: StreamName;
  after: string;
  until: string | null;
}

type Cursor = { iterator: AsyncIterator<Entry<StreamName>>; until: string; head: Entry<StreamName> | null };

/** The cursor's next entry within its range, or null (and the tail closed) past it. */
async function advance(cursor: Cursor): Promise<void> {
  const previous = cursor.head;
  if (previous !== null && compareEntryIds(previous.id, cursor.until) >= 0) {
    cursor.head = null;
  } else {
    const next = await cursor.iterator.next();
    cursor.head = next.done === true || compareEntryIds(next.value.id, cursor.until) > 0 ? null : next.value;
  }
  if (cursor.head === null) await cursor.iterator.return?.();
}

/**
 * Replays several streams' tails merged in entry-id order (ids are the Redis server's time in ms, so
 * this is the order they were published in, to the millisecond; within one ms, ties are broken by each
 * stream's own sequence): every entry after each range's `after` up to its `until`, then stops. Returns
 * how many entries were handed to `apply`.
 */
export async function replayMerged(
  bus: Bus,
  ranges: readonly ReplayRange[],
  options: { signal: AbortSignal; apply: (entry: Entry<StreamName>) => void },
): Promise<number> {
  const cursors: Cursor[] = [];
  for (const { name, after, until } of ranges) {
    if (until === null || compareEntryIds(after, until) >= 0) continue;
    const iterator = bus.tail(name, { after, signal: options.signal })[Symbol.asyncIterator]();
    cursors.push({ iterator, until, head: null });
  }
  await Promise.all(cursors.map(advance));
  let count = 0;
  for (;;) {
    let first: Cursor | null = null;
    for (const c of cursors)
      if (c.head && (!first?.head || compareEntryIds(c.head.id, first.head.id) < 0)) first = c;
    if (!first?.head) return count;
    options.apply(first.head);
    count += 1;
    await advance(first);
  }
}
