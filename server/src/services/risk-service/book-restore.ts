import type { OrderFillEvent } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { errorText } from '../../bus/codec.ts';
import type { Logger } from '../../lib/logger.ts';
import { retryUntilDone } from '../../lib/retry.ts';
import type { Snapshot, SnapshotStore } from '../../stores/snapshots/snapshot-store.ts';
import { loadSnapshot, replayAfter, warnOnTrimmed } from '../snapshotting.ts';
import {
  BOOK_SNAPSHOT_VERSION,
  bookFromState,
  bookState,
  BookStateSchema,
  type BookState,
} from './core/book-snapshot.ts';
import type { Book } from './core/positions.ts';

/** The owner name of the risk service's snapshot. */
export const RISK_SNAPSHOT_OWNER = 'risk-service';
const FORMAT = { schema: BOOK_SNAPSHOT_VERSION, state: BookStateSchema };

/** What the restore needs. */
export interface BookRestoreDeps {
  bus: Bus;
  snapshots: SnapshotStore;
  log: Logger;
  /** Aborted when the service closes: stops the retries and the replay */
  signal: AbortSignal;
}

/** The book and the newest `order.fill` entry it covers, as a snapshot. */
export const riskSnapshot = (book: Book, fillsAt: string, nowMs: number): Snapshot<BookState> => ({
  schema: BOOK_SNAPSHOT_VERSION,
  covers: { 'order.fill': fillsAt },
  takenAtMs: nowMs,
  state: bookState(book),
});

/**
 * Restores the book: the snapshot's (else the all-cash `initial`), then every fill after the entry it
 * covers up to the newest at start, each through `book` (a fill that cannot be booked is logged and
 * skipped, as it was live). Returns the book's starting point and how many fills were replayed.
 */
export async function restoreBook(
  deps: BookRestoreDeps,
  from: { initial: Book; book: (fill: OrderFillEvent, entryId: string) => void },
): Promise<{ start: Book; fillsAt: string; replay(): Promise<number> }> {
  const { bus, log, signal } = deps;
  const snapshot = await loadSnapshot(deps, RISK_SNAPSHOT_OWNER, FORMAT);
  const fillsAt = snapshot?.covers['order.fill'] ?? '0-0';
  await warnOnTrimmed(deps, RISK_SNAPSHOT_OWNER, { 'order.fill': fillsAt });
  const replay = async (): Promise<number> => {
    const newest = await retryUntilDone(() => bus.latest('order.fill', 1), {
      log,
      what: 'reading the newest fill',
      signal,
    });
    const range = { name: 'order.fill' as const, after: fillsAt, until: newest[0]?.id ?? null, signal };
    return replayAfter(bus, range, (e) => {
      try {
        from.book(e.message, e.id);
      } catch (error) {
        log.error('fill in history could not be booked', { entry_id: e.id, error: errorText(error) });
      }
    });
  };
  return { start: snapshot ? bookFromState(snapshot.state) : from.initial, fillsAt, replay };
}
