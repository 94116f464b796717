import { venueGreeks } from '@gamma/shared/quant';
import { createTestSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import type { RiskBookView } from '../../../stores/reservations/reservation-store.ts';
import { initialPortfolio, type PortfolioState } from './portfolio-state.ts';
import { reserveRequest } from './reserve-request.ts';
import type { RiskLimits } from './types.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const T = (Date.parse('2026-03-06T08:00:00Z') - NOW) / (365 * 86_400_000);
const CALL = 'BTC-20260306-100000-C';

const LIMITS: RiskLimits = {
  maxDrawdownPct: 0.2,
  maxPositionRatio: 0.8,
  minPositionRatio: 0.1,
  maxSinglePositionPct: 0.3,
  maxGrossLeverage: 3,
  maxPositionQty: { BTC: 5 },
  maxAbsDelta: { BTC: 2 },
  maxAbsGamma: { BTC: 0.0004 },
  maxAbsVegaUsd: { BTC: 5_000 },
  maxShortThetaUsd: { BTC: 2_500 },
};

const portfolio: PortfolioState = {
  ...initialPortfolio(100_000),
  equity: 90_000,
  peak: 95_000,
  avgPrices: { 'SOL/USDT': 150 },
};

const stored = {
  held: 0,
  reserved: 5,
  coin: 'XRP',
  mark: 2,
  notional: 2,
  delta: 1,
  gamma: 0,
  vega: 0,
  theta: 0,
};
const book: RiskBookView = {
  entries: {
    'SOL/USDT': { ...stored, coin: 'SOL', held: -10, reserved: 0, mark: 140, notional: 140 },
    'XRP/USDT': stored,
  },
  tradingStates: {},
  fillsAfter: '0-0',
};

describe('reserveRequest', () => {
  const request = reserveRequest({
    intentId: 'i-1',
    strategyId: 's-1',
    protective: false,
    legs: [
      { symbol: CALL, side: 'buy', quantity: 0.1, mark: 4_800, spot: 100_000 },
      { symbol: 'ETH/USDT', side: 'sell', quantity: 1, mark: 3_000, spot: 3_000 },
    ],
    portfolio,
    market: {
      mids: { 'ETH/USDT': 3_100, 'BTC/USDT': 100_000 },
      tickAtMs: {},
      surfaces: { 'BTC/USDT': createTestSurface() },
    },
    book,
    limits: LIMITS,
    expiresAtMs: NOW + 60_000,
    nowMs: NOW,
  });

  it('values every book and ordered instrument per unit, Greeks in the units of portfolio.risk', () => {
    const g = venueGreeks({ F: 100_000, K: 100_000, T, sigma: 0.6, type: 'call' });
    expect(request.figures[CALL]).toEqual({
      coin: 'BTC',
      mark: 4_800,
      notional: 100_000,
      delta: g.delta,
      gamma: g.gamma,
      vega: g.vega,
      theta: g.theta,
    });
    // ordered spot: delta 1, valued as the order was priced
    expect(request.figures['ETH/USDT']).toMatchObject({
      coin: 'ETH',
      mark: 3_000,
      notional: 3_000,
      delta: 1,
    });
    // no tick: the average price is the mark and the notional
    expect(request.figures['SOL/USDT']).toMatchObject({ mark: 150, notional: 150, delta: 1 });
    // no market data at all: the stored mark
    expect(request.figures['XRP/USDT']).toMatchObject({ mark: 2, notional: 2, delta: 1 });
  });

  it('carries the strategy, the hedge-lane flag, equity, peak and the limits by coin', () => {
    expect(request).toMatchObject({ strategyId: 's-1', protective: false, equity: 90_000, peak: 95_000 });
    expect(request.limits).toEqual({
      maxDrawdownPct: 0.2,
      maxPositionRatio: 0.8,
      maxSinglePositionPct: 0.3,
      maxGrossLeverage: 3,
      maxPositionQty: { BTC: 5 },
      maxAbsDelta: { BTC: 2 },
      maxAbsGamma: { BTC: 0.0004 },
      maxAbsVegaUsd: { BTC: 5_000 },
      maxShortThetaUsd: { BTC: 2_500 },
    });
  });

  it('reserves the priced legs with their coin and option type until the expiry', () => {
    expect(request.reservation).toEqual({
      intentId: 'i-1',
      expiresAtMs: NOW + 60_000,
      legs: [
        {
          symbol: CALL,
          coin: 'BTC',
          side: 'buy',
          quantity: 0.1,
          mark: 4_800,
          spot: 100_000,
          optionType: 'call',
        },
        {
          symbol: 'ETH/USDT',
          coin: 'ETH',
          side: 'sell',
          quantity: 1,
          mark: 3_000,
          spot: 3_000,
          optionType: null,
        },
      ],
    });
  });
});
