import { describe, expect, it } from 'vitest';
import { applyFillToBook, emptyBook, openHoldings, type Book } from './positions.ts';

const fill = (over: Partial<Parameters<typeof applyFillToBook>[1]> = {}) => ({
  symbol: 'BTC/USDT',
  side: 'buy' as const,
  quantity: 1,
  price: 100,
  fee: 0,
  ...over,
});
const holding = (book: Book, symbol = 'BTC/USDT') => book.holdings.get(symbol);

describe('applyFillToBook', () => {
  describe('when buying spot', () => {
    it('pays quantity × price plus the fee from cash', () => {
      const b = applyFillToBook(emptyBook(1000), fill({ quantity: 2, price: 100, fee: 0.2 }));
      expect(b.cash).toBeCloseTo(799.8, 9);
      expect(b.fees).toBeCloseTo(0.2, 12);
      expect(holding(b)).toEqual({ symbol: 'BTC/USDT', quantity: 2, avgPrice: 100, realizedPnl: 0 });
    });
  });

  describe('when adding to a position', () => {
    it('weights the average price', () => {
      let b = applyFillToBook(emptyBook(1000), fill({ quantity: 1, price: 100 }));
      b = applyFillToBook(b, fill({ quantity: 1, price: 200 }));
      expect(holding(b)?.avgPrice).toBe(150);
    });
  });

  describe('when selling part of a spot position', () => {
    it('receives the proceeds, keeps the average and realizes PnL', () => {
      let b = applyFillToBook(emptyBook(1000), fill({ quantity: 2, price: 100 }));
      b = applyFillToBook(b, fill({ side: 'sell', quantity: 1, price: 130 }));
      expect(b.cash).toBe(930);
      expect(holding(b)).toMatchObject({ quantity: 1, avgPrice: 100, realizedPnl: 30 });
    });
  });

  describe('when a sell crosses zero', () => {
    it('opens the remainder short at the fill price', () => {
      let b = applyFillToBook(emptyBook(1000), fill({ quantity: 1, price: 100 }));
      b = applyFillToBook(b, fill({ side: 'sell', quantity: 3, price: 90 }));
      expect(holding(b)).toMatchObject({ quantity: -2, avgPrice: 90, realizedPnl: -10 });
      expect(b.cash).toBe(1000 - 100 + 270);
    });
  });

  describe('when a position goes flat', () => {
    it('has average 0 and is no longer open', () => {
      let b = applyFillToBook(emptyBook(1000), fill({ quantity: 1, price: 100 }));
      b = applyFillToBook(b, fill({ side: 'sell', quantity: 1, price: 100 }));
      expect(holding(b)).toMatchObject({ quantity: 0, avgPrice: 0 });
      expect(openHoldings(b)).toEqual([]);
    });
  });

  describe('when trading a perpetual', () => {
    it('moves cash only by realized PnL and fees', () => {
      const perp = 'BTC/USDT:USDT';
      let b = applyFillToBook(emptyBook(1000), fill({ symbol: perp, quantity: 1, price: 100, fee: 0.05 }));
      expect(b.cash).toBeCloseTo(999.95, 12);
      b = applyFillToBook(b, fill({ symbol: perp, side: 'sell', quantity: 1, price: 110, fee: 0.055 }));
      expect(b.cash).toBeCloseTo(999.95 + 10 - 0.055, 9);
    });
  });

  describe('when selling an option short', () => {
    it('receives the premium and holds a negative quantity', () => {
      const b = applyFillToBook(
        emptyBook(1000),
        fill({ symbol: 'BTC-20260327-100000-C', side: 'sell', price: 50 }),
      );
      expect(b.cash).toBe(1050);
      expect(holding(b, 'BTC-20260327-100000-C')?.quantity).toBe(-1);
    });
  });

  it('rejects a fill with a non-positive quantity', () => {
    expect(() => applyFillToBook(emptyBook(1000), fill({ quantity: 0 }))).toThrow(RangeError);
  });
});
