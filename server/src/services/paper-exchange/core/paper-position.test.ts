import { describe, expect, it } from 'vitest';
import { applyFill, FLAT } from './paper-position.ts';

describe('applyFill', () => {
  describe('when adding in the same direction', () => {
    it('weights the average price', () => {
      const p1 = applyFill(FLAT, { side: 'buy', quantity: 1, price: 100 });
      const p2 = applyFill(p1, { side: 'buy', quantity: 3, price: 200 });
      expect(p2).toEqual({ quantity: 4, avgPrice: 175, realizedPnl: 0 });
    });
  });

  describe('when reducing a long', () => {
    it('keeps the average and realizes (fill − avg) × closed', () => {
      const p = applyFill(
        { quantity: 2, avgPrice: 100, realizedPnl: 0 },
        { side: 'sell', quantity: 0.5, price: 120 },
      );
      expect(p).toEqual({ quantity: 1.5, avgPrice: 100, realizedPnl: 10 });
    });
  });

  describe('when reducing a short', () => {
    it('realizes with the sign of the position', () => {
      const p = applyFill(
        { quantity: -2, avgPrice: 100, realizedPnl: 0 },
        { side: 'buy', quantity: 1, price: 90 },
      );
      expect(p).toEqual({ quantity: -1, avgPrice: 100, realizedPnl: 10 });
    });
  });

  describe('when crossing zero', () => {
    it('realizes the closed part and opens the rest at the fill price', () => {
      const p = applyFill(
        { quantity: 1, avgPrice: 100, realizedPnl: 0 },
        { side: 'sell', quantity: 3, price: 110 },
      );
      expect(p).toEqual({ quantity: -2, avgPrice: 110, realizedPnl: 10 });
    });
  });

  describe('when the position goes flat', () => {
    it('sets the average to 0', () => {
      const p = applyFill(
        { quantity: 0.3, avgPrice: 100, realizedPnl: 1 },
        { side: 'sell', quantity: 0.3, price: 100 },
      );
      expect(p).toEqual({ quantity: 0, avgPrice: 0, realizedPnl: 1 });
    });
  });
});
