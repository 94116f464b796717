import type { Side } from '@gamma/shared';
import { applyFillToPosition, isOptionSymbol, isPerpetualSymbol } from '@gamma/shared';

/** The book's net position in one symbol (over all strategies). */
export interface Holding {
  symbol: string;
  /** Signed quantity: + long, − short */
  quantity: number;
  /** Average entry price, USD; 0 when flat */
  avgPrice: number;
  /** Cumulative realized PnL, USD */
  realizedPnl: number;
}

/** Cash and positions of the paper account (SPEC §6.2). */
export interface Book {
  /** USDT */
  cash: number;
  /** Cumulative fees paid, USDT */
  fees: number;
  /** Open and closed holdings by symbol */
  holdings: ReadonlyMap<string, Holding>;
}

/** A fill as the book needs it. */
export interface BookFill {
  symbol: string;
  side: Side;
  quantity: number;
  price: number;
  fee: number;
}

/** An all-cash book. */
export const emptyBook = (initialCash: number): Book => ({ cash: initialCash, fees: 0, holdings: new Map() });

/** A holding after a fill, with the account rules of SPEC §6.2 (shared with the paper exchange). */
export const applyToHolding = (h: Holding, fill: Pick<BookFill, 'side' | 'quantity' | 'price'>): Holding =>
  applyFillToPosition(h, fill);

/**
 * The book after a fill (SPEC §6.2): spot and option buys pay quantity × price and sells receive it;
 * perpetuals move cash only by realized PnL; every fee is paid from cash.
 */
export function applyFillToBook(book: Book, fill: BookFill): Book {
  if (!(fill.quantity > 0) || !Number.isFinite(fill.price))
    throw new RangeError(`fill of ${fill.symbol}: quantity must be > 0 and price finite`);
  const before = book.holdings.get(fill.symbol) ?? {
    symbol: fill.symbol,
    quantity: 0,
    avgPrice: 0,
    realizedPnl: 0,
  };
  const after = applyToHolding(before, fill);
  const signedCash = (fill.side === 'buy' ? -1 : 1) * fill.quantity * fill.price;
  const cashMove = isPerpetualSymbol(fill.symbol) ? after.realizedPnl - before.realizedPnl : signedCash;
  const holdings = new Map(book.holdings);
  holdings.set(fill.symbol, after);
  return { cash: book.cash + cashMove - fill.fee, fees: book.fees + fill.fee, holdings };
}

/** Holdings with a non-zero quantity. */
export const openHoldings = (book: Book): Holding[] =>
  [...book.holdings.values()].filter((h) => h.quantity !== 0);

/** Instrument kind of a symbol (SPEC §3.1). */
export const kindOf = (symbol: string): 'spot' | 'perpetual' | 'option' =>
  isOptionSymbol(symbol) ? 'option' : isPerpetualSymbol(symbol) ? 'perpetual' : 'spot';
