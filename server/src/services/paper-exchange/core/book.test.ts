import { createMarketTick, createVolSurface } from '@gamma/shared/testing';
import type { OptionChainData } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { quoteOf, type MarketBook } from './book.ts';

const row = (over: Partial<OptionChainData> = {}): OptionChainData => ({
  underlying: 'BTC/USDT',
  strike: 100_000,
  expiry: '2026-03-27',
  option_type: 'call',
  bid: 4_900,
  ask: 5_100,
  last: 5_000,
  volume: 0,
  open_interest: 0,
  implied_volatility: 0.6,
  greeks: null,
  symbol: null,
  ...over,
});

const bookOf = (ticks: MarketBook['ticks'], surfaces: MarketBook['surfaces'] = new Map()): MarketBook => ({
  ticks,
  surfaces,
});

describe('quoteOf', () => {
  describe('when the tick has bid and ask', () => {
    it('quotes them', () => {
      const book = bookOf(new Map([['BTC/USDT', createMarketTick({ bid: 99_990, ask: 100_010 })]]));
      expect(quoteOf(book, 'BTC/USDT', 2)).toEqual({ bid: 99_990, ask: 100_010 });
    });
  });

  describe('when the tick lacks bid and ask', () => {
    it('quotes price ± spread/2', () => {
      const book = bookOf(
        new Map([['BTC/USDT:USDT', createMarketTick({ symbol: 'BTC/USDT:USDT', price: 100_000 })]]),
      );
      expect(quoteOf(book, 'BTC/USDT:USDT', 2)).toEqual({ bid: 99_990, ask: 100_010 });
    });
  });

  it('is null for a symbol without a tick', () => {
    expect(quoteOf(bookOf(new Map()), 'ETH/USDT', 2)).toBeNull();
  });

  describe('when the symbol is an option', () => {
    it('quotes the surface row matched by strike, expiry and type', () => {
      const surfaces = new Map([
        [
          'BTC/USDT',
          createVolSurface({ surface_data: [row({ option_type: 'put', bid: 1, ask: 2 }), row()] }),
        ],
      ]);
      expect(quoteOf(bookOf(new Map(), surfaces), 'BTC-20260327-100000-C', 2)).toEqual({
        bid: 4_900,
        ask: 5_100,
      });
    });
    it('prefers the row whose symbol matches', () => {
      const surfaces = new Map([
        [
          'BTC/USDT',
          createVolSurface({ surface_data: [row({ symbol: 'BTC-20260327-100000-C', bid: 7, ask: 8 })] }),
        ],
      ]);
      expect(quoteOf(bookOf(new Map(), surfaces), 'BTC-20260327-100000-C', 2)).toEqual({ bid: 7, ask: 8 });
    });
    it('is null when the strike is not listed', () => {
      const surfaces = new Map([['BTC/USDT', createVolSurface({ surface_data: [row()] })]]);
      expect(quoteOf(bookOf(new Map(), surfaces), 'BTC-20260327-90000-C', 2)).toBeNull();
    });
  });
});
