import { createMarketTick, createVolSurface } from '@gamma/shared/testing';
import type { OptionChainData } from '@gamma/shared';
import { black76Price } from '@gamma/shared/quant';
import { describe, expect, it } from 'vitest';
import type { MarketData } from './market-data.ts';
import { applyFillToBook, emptyBook } from './positions.ts';
import { drawdownOf, markOf, nextPeak, valueBook } from './valuation.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
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
const market = (rows: OptionChainData[] = [row()]): MarketData => ({
  ticks: new Map([
    ['BTC/USDT', createMarketTick({ price: 40_000, bid: 39_990, ask: 40_010 })],
    ['BTC/USDT:USDT', createMarketTick({ symbol: 'BTC/USDT:USDT', price: 40_100 })],
  ]),
  surfaces: new Map([
    [
      'BTC/USDT',
      createVolSurface({ surface_data: rows, forwards: { '2026-03-27': 40_050 }, spot_price: 40_000 }),
    ],
  ]),
});

describe('markOf', () => {
  it('marks spot at the tick mid', () => {
    expect(markOf('BTC/USDT', market(), NOW)).toBe(40_000);
  });
  it('marks a perpetual at its tick price when it has no bid/ask', () => {
    expect(markOf('BTC/USDT:USDT', market(), NOW)).toBe(40_100);
  });
  it('marks an option at the chain mid', () => {
    expect(markOf('BTC-20260327-100000-C', market(), NOW)).toBe(5_000);
  });
  describe('when the chain has no quote for the option', () => {
    it('prices Black-76 at the surface IV of that strike and expiry, F from forwards', () => {
      const m = market([row({ strike: 45_000, bid: 0, ask: 0, implied_volatility: 0.7 })]);
      const T = (Date.parse('2026-03-27T08:00:00Z') - NOW) / (365 * 86_400_000);
      const expected = black76Price({ F: 40_050, K: 45_000, T, r: 0, sigma: 0.7, type: 'call' });
      expect(markOf('BTC-20260327-45000-C', m, NOW)).toBeCloseTo(expected, 9);
    });
  });
  describe('when the option has expired', () => {
    it('marks intrinsic value against spot', () => {
      expect(markOf('BTC-20260301-30000-C', market(), NOW)).toBe(10_000);
      expect(markOf('BTC-20260301-30000-P', market(), NOW)).toBe(0);
    });
  });
  it('is null without market data', () => {
    expect(markOf('ETH/USDT', market(), NOW)).toBeNull();
  });
});

describe('valueBook', () => {
  describe('when the book holds spot, a perpetual and an option', () => {
    it('computes equity, position value, gross notional, ratio and leverage per SPEC §6.2', () => {
      let b = emptyBook(100_000);
      b = applyFillToBook(b, { symbol: 'BTC/USDT', side: 'buy', quantity: 0.5, price: 38_000, fee: 0 });
      b = applyFillToBook(b, { symbol: 'BTC/USDT:USDT', side: 'sell', quantity: 1, price: 40_000, fee: 0 });
      b = applyFillToBook(b, {
        symbol: 'BTC-20260327-100000-C',
        side: 'buy',
        quantity: 2,
        price: 4_000,
        fee: 0,
      });
      const v = valueBook(b, market(), NOW);
      const cash = 100_000 - 19_000 - 8_000;
      expect(v.cash).toBe(cash);
      expect(v.equity).toBeCloseTo(cash + 0.5 * 40_000 + -1 * (40_100 - 40_000) + 2 * 5_000, 6);
      expect(v.positionValue).toBeCloseTo(20_000 + 40_100 + 10_000, 6);
      expect(v.grossNotional).toBeCloseTo((0.5 + 1 + 2) * 40_000, 6);
      expect(v.positionRatio).toBeCloseTo(v.positionValue / v.equity, 12);
      expect(v.leverage).toBeCloseTo(v.grossNotional / v.equity, 12);
      expect(v.numPositions).toBe(3);
      expect(v.unmarked).toEqual([]);
    });
  });

  describe('when the book is all cash', () => {
    it('has equity = cash, ratio 0 and leverage 0', () => {
      const v = valueBook(emptyBook(100_000), market(), NOW);
      expect(v).toMatchObject({ equity: 100_000, positionRatio: 0, leverage: 0, numPositions: 0 });
    });
  });

  describe('when a holding has no market data', () => {
    it('values it at its average price and lists it', () => {
      const b = applyFillToBook(emptyBook(1_000), {
        symbol: 'SOL/USDT',
        side: 'buy',
        quantity: 1,
        price: 100,
        fee: 0,
      });
      const v = valueBook(b, market(), NOW);
      expect(v.equity).toBe(1_000);
      expect(v.unmarked).toEqual(['SOL/USDT']);
    });
  });

  describe('when equity is not positive', () => {
    it('leaves ratio and leverage null', () => {
      const b = applyFillToBook(emptyBook(0), {
        symbol: 'BTC/USDT:USDT',
        side: 'buy',
        quantity: 1,
        price: 50_000,
        fee: 0,
      });
      expect(valueBook(b, market(), NOW)).toMatchObject({ positionRatio: null, leverage: null });
    });
  });
});

describe('peak and drawdown', () => {
  it('keeps the highest equity seen', () => {
    expect(nextPeak(null, 100)).toBe(100);
    expect(nextPeak(120, 100)).toBe(120);
    expect(nextPeak(120, 130)).toBe(130);
  });
  it('measures (peak − equity) / peak, never negative', () => {
    expect(drawdownOf(100, 80)).toBeCloseTo(0.2, 12);
    expect(drawdownOf(100, 120)).toBe(0);
    expect(drawdownOf(0, -5)).toBe(0);
  });
});
