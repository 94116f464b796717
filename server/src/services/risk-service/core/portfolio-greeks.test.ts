import { createMarketTick, createVolSurface } from '@gamma/shared/testing';
import type { OptionChainData } from '@gamma/shared';
import { netDelta, venueGreeks } from '@gamma/shared/quant';
import { describe, expect, it } from 'vitest';
import type { MarketData } from './market-data.ts';
import { greeksAfter, portfolioGreeks, unitGreeks } from './portfolio-greeks.ts';
import { buildPortfolioRisk } from './risk-report.ts';
import type { Valuation } from './valuation.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const EXPIRY = '2026-03-27';
const T = (Date.parse(`${EXPIRY}T08:00:00Z`) - NOW) / (365 * 86_400_000);
const F = 100_000;
const CALL = 'BTC-20260327-100000-C';
const PUT = 'BTC-20260327-100000-P';

const row = (over: Partial<OptionChainData>): OptionChainData => ({
  underlying: 'BTC/USDT',
  strike: 100_000,
  expiry: EXPIRY,
  option_type: 'call',
  bid: 1,
  ask: 2,
  last: 1.5,
  volume: 0,
  open_interest: 0,
  implied_volatility: 0.6,
  greeks: null,
  symbol: null,
  ...over,
});
const market: MarketData = {
  ticks: new Map([['BTC/USDT', createMarketTick({ price: 99_500 })]]),
  surfaces: new Map([
    [
      'BTC/USDT',
      createVolSurface({
        surface_data: [row({}), row({ option_type: 'put', implied_volatility: 0.62 })],
        forwards: { [EXPIRY]: F },
      }),
    ],
  ]),
};

describe('unitGreeks', () => {
  it('gives spot and perpetuals delta 1 and nothing else', () => {
    expect(unitGreeks('BTC/USDT:USDT', market, NOW)).toEqual({
      delta: 1,
      gamma: 0,
      vega: 0,
      theta: 0,
      rho: 0,
      netDelta: 1,
    });
  });
  it('uses venueGreeks at the row IV of that strike, expiry and type, F from forwards', () => {
    const g = unitGreeks(PUT, market, NOW);
    const input = { F, K: 100_000, T, sigma: 0.62, type: 'put' as const };
    expect(g).toEqual({ ...venueGreeks(input), netDelta: netDelta(input) });
  });
  it('is all zeros for an expired option', () => {
    expect(unitGreeks('BTC-20260301-100000-C', market, NOW)).toMatchObject({ delta: 0, gamma: 0, vega: 0 });
  });
  it('is null for an option without a surface', () => {
    expect(unitGreeks('ETH-20260327-3000-C', market, NOW)).toBeNull();
  });
});

describe('portfolioGreeks', () => {
  describe('when long one ATM straddle', () => {
    it('is about delta-neutral, long gamma and vega, short theta', () => {
      const g = portfolioGreeks(
        [
          { symbol: CALL, quantity: 1 },
          { symbol: PUT, quantity: 1 },
        ],
        market,
        NOW,
      ).byUnderlying.get('BTC/USDT');
      expect(Math.abs(g?.delta ?? 1)).toBeLessThan(0.1);
      expect(g?.gamma).toBeGreaterThan(0);
      expect(g?.vega).toBeGreaterThan(0);
      expect(g?.theta).toBeLessThan(0);
    });
  });

  describe('when holding options, spot and a perpetual hedge', () => {
    it('sums per-unit Greeks × quantity per underlying', () => {
      const call = venueGreeks({ F, K: 100_000, T, sigma: 0.6, type: 'call' });
      const g = portfolioGreeks(
        [
          { symbol: CALL, quantity: -2 },
          { symbol: 'BTC/USDT', quantity: 0.3 },
          { symbol: 'BTC/USDT:USDT', quantity: 0.5 },
        ],
        market,
        NOW,
      ).byUnderlying.get('BTC/USDT');
      expect(g?.delta).toBeCloseTo(-2 * call.delta + 0.8, 12);
      expect(g?.gamma).toBeCloseTo(-2 * call.gamma, 15);
      expect(g?.vega).toBeCloseTo(-2 * call.vega, 12);
      expect(g?.theta).toBeCloseTo(-2 * call.theta, 12);
      expect(g?.rho).toBeCloseTo(-2 * call.rho, 12);
    });
  });

  describe('when an option cannot be priced', () => {
    it('lists it as unpriced and still reports its underlying', () => {
      const r = portfolioGreeks([{ symbol: 'ETH-20260327-3000-C', quantity: 1 }], market, NOW);
      expect(r.unpriced).toEqual(['ETH-20260327-3000-C']);
      expect(r.byUnderlying.get('ETH/USDT')?.delta).toBe(0);
    });
  });

  it('reports the premium-adjusted net delta beside the plain delta', () => {
    const g = portfolioGreeks([{ symbol: CALL, quantity: 1 }], market, NOW).byUnderlying.get('BTC/USDT');
    const input = { F, K: 100_000, T, sigma: 0.6, type: 'call' as const };
    expect(g?.netDelta).toBeCloseTo(netDelta(input), 12);
    expect(g?.netDelta).toBeLessThan(g?.delta ?? 0);
  });
});

describe('greeksAfter', () => {
  describe('when a delta hedge is proposed against a long call', () => {
    it('returns the Greeks as if the legs had filled', () => {
      const call = venueGreeks({ F, K: 100_000, T, sigma: 0.6, type: 'call' });
      const after = greeksAfter(
        [{ symbol: CALL, quantity: 1 }],
        [{ symbol: 'BTC/USDT:USDT', side: 'sell', quantity: 0.5 }],
        {
          market,
          nowMs: NOW,
        },
      );
      expect(after.byUnderlying.get('BTC/USDT')?.delta).toBeCloseTo(call.delta - 0.5, 12);
    });
  });

  describe('when a proposed sell closes a position', () => {
    it('nets it out', () => {
      const after = greeksAfter(
        [{ symbol: CALL, quantity: 1 }],
        [{ symbol: CALL, side: 'sell', quantity: 1 }],
        {
          market,
          nowMs: NOW,
        },
      );
      expect(after.byUnderlying.get('BTC/USDT')).toBeUndefined();
    });
  });
});

describe('portfolio.risk metadata', () => {
  describe('when options of one expiry and a perpetual are held', () => {
    it('carries greeks_by_expiry per underlying, summing to the totals', () => {
      const greeks = portfolioGreeks(
        [
          { symbol: CALL, quantity: 1 },
          { symbol: 'BTC/USDT:USDT', quantity: -0.5 },
        ],
        market,
        NOW,
      );
      const valuation: Valuation = {
        equity: 1,
        positionValue: 0,
        grossNotional: 0,
        cash: 1,
        numPositions: 2,
        positionRatio: 0,
        leverage: 0,
        marks: new Map(),
        unmarked: [],
      };
      const [event] = buildPortfolioRisk(
        { valuation, greeks, underlyings: ['BTC/USDT'], peak: 1, drawdown: 0, spotOf: () => 100_000 },
        '2026-03-02T09:15:04.120Z',
      );
      const byExpiry = event?.metadata?.['greeks_by_expiry'] as Record<
        string,
        { delta: number; vega: number }
      >;
      expect(Object.keys(byExpiry).sort()).toEqual([EXPIRY, 'perpetual']);
      expect(byExpiry['perpetual']?.delta).toBe(-0.5);
      expect((byExpiry[EXPIRY]?.delta ?? NaN) + (byExpiry['perpetual']?.delta ?? NaN)).toBeCloseTo(
        event?.total_delta ?? NaN,
        12,
      );
      expect(byExpiry[EXPIRY]?.vega).toBeCloseTo(event?.total_vega ?? NaN, 12);
    });
  });
});
