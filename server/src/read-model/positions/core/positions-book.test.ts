import type { OptionChainData } from '@gamma/shared';
import { createMarketTick, createOrderFill, createVolSurface } from '@gamma/shared/testing';
import { black76Price } from '@gamma/shared/quant';
import { describe, expect, it } from 'vitest';
import {
  applyFill,
  applySurface,
  applyTick,
  createPositionsBook,
  type PositionsBook,
} from './positions-book.ts';
import { markOf } from './marks.ts';

const T0 = Date.parse('2026-03-02T09:15:00.000Z');
const CALL = 'BTC-20260327-100000-C';
const PUT = 'BTC-20260327-100000-P';

const newBook = (): PositionsBook => createPositionsBook({ sampleMs: 5000, maxPoints: 100 });
const fillAt = (book: PositionsBook, ms: number, overrides: Parameters<typeof createOrderFill>[0]) =>
  applyFill(book, { id: `${T0 + ms}-0`, message: createOrderFill(overrides) });
const row = (overrides: Partial<OptionChainData> = {}): OptionChainData => ({
  underlying: 'BTC/USDT',
  strike: 100_000,
  expiry: '2026-03-27',
  option_type: 'call',
  bid: 4000,
  ask: 4200,
  last: 4100,
  volume: 0,
  open_interest: 0,
  implied_volatility: 0.6,
  greeks: null,
  symbol: CALL,
  ...overrides,
});

describe('applyFill', () => {
  describe('when a straddle fills', () => {
    it('holds both legs with their quantity, average price and fees', () => {
      const book = newBook();
      fillAt(book, 0, { strategy_id: 'pq', symbol: CALL, quantity: 0.1, price: 4200, fee: 0.3 });
      fillAt(book, 1, { strategy_id: 'pq', symbol: PUT, quantity: 0.1, price: 3900, fee: 0.3 });
      expect([...book.positions.values()].map((p) => [p.symbol, p.quantity, p.avgPrice, p.fees])).toEqual([
        [CALL, 0.1, 4200, 0.3],
        [PUT, 0.1, 3900, 0.3],
      ]);
    });
  });

  describe('when a position is added to and then reduced', () => {
    it('averages the cost and realizes (fill − average) on the closed quantity', () => {
      const book = newBook();
      fillAt(book, 0, { symbol: 'BTC/USDT', side: 'buy', quantity: 1, price: 100 });
      fillAt(book, 1, { symbol: 'BTC/USDT', side: 'buy', quantity: 1, price: 200 });
      fillAt(book, 2, { symbol: 'BTC/USDT', side: 'sell', quantity: 1, price: 180, fee: 2 });
      const p = book.positions.get('grid_btc|BTC/USDT');
      expect(p).toMatchObject({ quantity: 1, avgPrice: 150, realizedPnl: 30, fees: 2, fills: 3 });
    });
  });

  describe('when the same entry is delivered twice', () => {
    it('applies it once', () => {
      const book = newBook();
      const entry = { id: `${T0}-0`, message: createOrderFill({ quantity: 0.5 }) };
      applyFill(book, entry);
      applyFill(book, entry);
      expect(book.positions.get('grid_btc|BTC/USDT')?.quantity).toBe(0.5);
    });
  });
});

describe('markOf', () => {
  describe('when the surface lists the option with a bid and an ask', () => {
    it('is the mid', () => {
      const book = newBook();
      applySurface(book, { id: `${T0}-0`, message: createVolSurface({ surface_data: [row()] }) });
      expect(markOf(book, CALL, T0)).toEqual({ price: 4100, atMs: T0, source: 'mid' });
    });
  });

  describe('when the row has no quote', () => {
    it('is the model price at the row IV', () => {
      const book = newBook();
      const surface = createVolSurface({ surface_data: [row({ bid: 0, ask: 0 })] });
      applySurface(book, { id: `${T0}-0`, message: surface });
      const mark = markOf(book, CALL, T0);
      expect(mark?.source).toBe('model');
      // Black-76 at F = the surface's spot (no forwards), r = 0, T to 08:00 UTC of the expiry
      const T = (Date.parse('2026-03-27T08:00:00.000Z') - T0) / (365 * 86_400_000);
      const expected = black76Price({ F: 100_000, K: 100_000, T, r: 0, sigma: 0.6, type: 'call' });
      expect(mark?.price).toBeCloseTo(expected, 6);
    });
  });

  describe('when a fill is newer than the market data', () => {
    it('is the fill price until the market moves again', () => {
      const book = newBook();
      applyTick(book, { id: `${T0}-0`, message: createMarketTick({ bid: 99_990, ask: 100_010 }) });
      fillAt(book, 10, { symbol: 'BTC/USDT', price: 100_050 });
      expect(markOf(book, 'BTC/USDT', T0)?.source).toBe('fill');
      applyTick(book, { id: `${T0 + 20}-0`, message: createMarketTick({ price: 100_200 }) });
      expect(markOf(book, 'BTC/USDT', T0)).toEqual({ price: 100_200, atMs: T0 + 20, source: 'tick' });
    });
  });
});

describe('equity', () => {
  describe('when fills and marks arrive', () => {
    it('samples at every fill and at most once per sampleMs on marks, with drawdown from the peak', () => {
      const book = newBook();
      applyTick(book, { id: `${T0}-0`, message: createMarketTick({ price: 100 }) });
      fillAt(book, 1000, { symbol: 'BTC/USDT', quantity: 1, price: 100, fee: 1 });
      applyTick(book, { id: `${T0 + 2000}-0`, message: createMarketTick({ price: 150 }) });
      applyTick(book, { id: `${T0 + 6000}-0`, message: createMarketTick({ price: 150 }) });
      applyTick(book, { id: `${T0 + 12_000}-0`, message: createMarketTick({ price: 120 }) });
      expect(book.equity.points.map((p) => [p.atMs - T0, p.equity, p.drawdown])).toEqual([
        [1000, -1, -1],
        [6000, 49, 0],
        [12_000, 19, -30],
      ]);
      expect(book.equity.maxDrawdown).toBe(-30);
    });
  });
});
