import { describe, expect, it } from 'vitest';
import { initialPortfolio, type PortfolioState } from './portfolio-state.ts';
import { reserveRequest } from './reserve-request.ts';
import type { RiskLimits } from './types.ts';

const LIMITS: RiskLimits = {
  maxDrawdownPct: 0.2,
  maxPositionRatio: 0.8,
  minPositionRatio: 0.1,
  maxSinglePositionPct: 0.3,
  maxGrossLeverage: 3,
  maxPositionQty: { BTC: 5 },
};

const portfolio: PortfolioState = {
  ...initialPortfolio(100_000),
  equity: 90_000,
  accountPositions: { 'ETH/USDT': 2, 'SOL/USDT': -10 },
  avgPrices: { 'SOL/USDT': 150 },
};

describe('reserveRequest', () => {
  const request = reserveRequest({
    intentId: 'i-1',
    legs: [
      { symbol: 'BTC-20260306-100000-C', side: 'buy', quantity: 0.1, mark: 2_000, spot: 100_000 },
      { symbol: 'ETH/USDT', side: 'sell', quantity: 1, mark: 3_000, spot: 3_000 },
    ],
    portfolio,
    market: { mids: { 'ETH/USDT': 3_100, 'BTC/USDT': 100_000 }, tickAtMs: {}, surfaces: {} },
    reservations: [
      { intentId: 'r', legs: [{ symbol: 'XRP/USDT', side: 'buy', quantity: 5 }], expiresAtMs: 1 },
    ],
    limits: LIMITS,
    expiresAtMs: 60_000,
  });

  it('values every held, reserved and ordered instrument as the checks value it', () => {
    expect(request.book).toEqual({
      'ETH/USDT': { quantity: 2, value: 3_100, notional: 3_100 },
      // no tick: the average price is the mark and the notional
      'SOL/USDT': { quantity: -10, value: 150, notional: 150 },
      // reserved but unpriced: zero figures (the script then uses the reservation's own)
      'XRP/USDT': { quantity: 0, value: 0, notional: 0 },
      // ordered, not held: notional from the underlying's spot
      'BTC-20260306-100000-C': { quantity: 0, value: 0, notional: 100_000 },
    });
  });

  it('resolves the size limit per ordered instrument by base coin, leaving unlimited coins out', () => {
    expect(request.limits).toEqual({
      maxSinglePositionPct: 0.3,
      maxGrossLeverage: 3,
      maxPositionRatio: 0.8,
      minPositionRatio: 0.1,
      maxQty: { 'BTC-20260306-100000-C': 5 },
    });
  });

  it('reserves the priced legs with their option type, the equity and the expiry', () => {
    expect(request.equity).toBe(90_000);
    expect(request.reservation).toEqual({
      intentId: 'i-1',
      expiresAtMs: 60_000,
      legs: [
        {
          symbol: 'BTC-20260306-100000-C',
          side: 'buy',
          quantity: 0.1,
          mark: 2_000,
          spot: 100_000,
          optionType: 'call',
        },
        { symbol: 'ETH/USDT', side: 'sell', quantity: 1, mark: 3_000, spot: 3_000, optionType: null },
      ],
    });
  });
});
