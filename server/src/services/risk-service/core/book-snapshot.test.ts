import { describe, expect, it } from 'vitest';
import { bookFromState, bookState, BookStateSchema, foldFills } from './book-snapshot.ts';
import { emptyBook, type BookFill } from './positions.ts';

const SYMBOLS = ['BTC/USDT', 'BTC/USDT:USDT', 'BTC-20260327-100000-C'];
const fills: BookFill[] = Array.from({ length: 60 }, (_, i) => ({
  symbol: SYMBOLS[i % 3] ?? 'BTC/USDT',
  side: i % 4 < 2 ? 'buy' : 'sell',
  quantity: 0.1 + (i % 5) / 10,
  price: 1000 + i * 13.7,
  fee: i / 100,
}));

describe('the risk book snapshot', () => {
  it('restores to the same book as folding every fill, after a JSON round trip', () => {
    const whole = foldFills(emptyBook(100_000), fills);
    const half = foldFills(emptyBook(100_000), fills.slice(0, 23));
    const saved = BookStateSchema.parse(JSON.parse(JSON.stringify(bookState(half))));
    expect(foldFills(bookFromState(saved), fills.slice(23))).toEqual(whole);
  });

  it('rejects a state with a holding that is not a number', () => {
    const state = bookState(foldFills(emptyBook(1), fills.slice(0, 2)));
    const bad = { ...state, holdings: [{ ...state.holdings[0], quantity: 'x' }] };
    expect(BookStateSchema.safeParse(bad).success).toBe(false);
  });
});
