import { z } from 'zod';
import { applyFillToBook, type Book, type BookFill, type Holding } from './positions.ts';

/** The state of a risk-service snapshot: the book with its holdings as a list (JSON has no Map). */
export interface BookState {
  cash: number;
  fees: number;
  holdings: Holding[];
}

const finite = z.number().finite();

/** The schema of {@link BookState}, version {@link BOOK_SNAPSHOT_VERSION}. */
export const BookStateSchema: z.ZodType<BookState> = z.object({
  cash: finite,
  fees: finite,
  holdings: z.array(
    z.object({ symbol: z.string().min(1), quantity: finite, avgPrice: finite, realizedPnl: finite }),
  ),
});
/** Bumped whenever {@link BookStateSchema} changes meaning, so an old snapshot is rejected. */
export const BOOK_SNAPSHOT_VERSION = 1;

/** The book as snapshot state. */
export const bookState = (book: Book): BookState => ({
  cash: book.cash,
  fees: book.fees,
  holdings: [...book.holdings.values()].map((h) => ({ ...h })),
});

/** The book a snapshot state describes. */
export const bookFromState = (state: BookState): Book => ({
  cash: state.cash,
  fees: state.fees,
  holdings: new Map(state.holdings.map((h) => [h.symbol, { ...h }])),
});

/** Folds fills, oldest first, into a book: a rebuild is this fold over the whole `order.fill` stream. */
export function foldFills(book: Book, fills: Iterable<BookFill>): Book {
  let next = book;
  for (const fill of fills) next = applyFillToBook(next, fill);
  return next;
}
