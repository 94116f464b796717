import { describe, expect, it } from 'vitest';
import { inverseOptionPrice, venueGreeks } from './inverse.ts';
import { greeksWhatIf, portfolioGreeks } from './portfolio.ts';
import type { PortfolioMarket, SurfaceLike } from './portfolio-market.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const MARCH = '2026-03-27';
const JUNE = '2026-06-26';
const T_MARCH = (Date.parse(`${MARCH}T08:00:00Z`) - NOW) / (365 * 86_400_000);
const F = 100_000;
const CALL = 'BTC-20260327-100000-C';
const PUT = 'BTC-20260327-100000-P';
const JUNE_CALL = 'BTC-20260626-110000-C';

const row = ([strike, expiry, type, iv]: [number, string, 'call' | 'put', number]) => ({
  strike,
  expiry,
  option_type: type,
  implied_volatility: iv,
});
const btc: SurfaceLike = {
  surface_data: [
    row([100_000, MARCH, 'call', 0.6]),
    row([100_000, MARCH, 'put', 0.6]),
    row([110_000, JUNE, 'call', 0.55]),
  ],
  atm_iv: 0.65,
  term_structure: {},
  spot_price: 99_000,
  forwards: { [MARCH]: F, [JUNE]: 101_000 },
};
const market = (over: Partial<PortfolioMarket> = {}): PortfolioMarket => ({
  nowMs: NOW,
  spot: (u) => (u === 'BTC/USDT' ? 99_500 : null),
  surface: (u) => (u === 'BTC/USDT' ? btc : null),
  ...over,
});
const atm = (type: 'call' | 'put') => ({ F, K: 100_000, T: T_MARCH, sigma: 0.6, type });

describe('portfolioGreeks', () => {
  describe('when long an ATM straddle', () => {
    const g = portfolioGreeks(
      [
        { symbol: CALL, quantity: 1 },
        { symbol: PUT, quantity: 1 },
      ],
      market(),
    ).byUnderlying['BTC/USDT'];
    it('is nearly delta-neutral', () => {
      expect(Math.abs(g?.delta ?? NaN)).toBeLessThan(0.1);
    });
    it('has positive gamma and vega and pays theta', () => {
      expect(g?.gamma).toBeGreaterThan(0);
      expect(g?.vega).toBeGreaterThan(0);
      expect(g?.theta).toBeLessThan(0);
    });
    it('sums venueGreeks of both legs at the row IV, F from forwards', () => {
      const c = venueGreeks(atm('call'));
      const p = venueGreeks(atm('put'));
      expect(g?.delta).toBeCloseTo(c.delta + p.delta, 12);
      expect(g?.vega).toBeCloseTo(c.vega + p.vega, 9);
      expect(g?.rho).toBeCloseTo(c.rho + p.rho, 9);
    });
  });

  describe('when short the same straddle', () => {
    it('mirrors the long one', () => {
      const long = portfolioGreeks(
        [
          { symbol: CALL, quantity: 2 },
          { symbol: PUT, quantity: 2 },
        ],
        market(),
      ).byUnderlying['BTC/USDT'];
      const short = portfolioGreeks(
        [
          { symbol: CALL, quantity: -2 },
          { symbol: PUT, quantity: -2 },
        ],
        market(),
      ).byUnderlying['BTC/USDT'];
      expect(short?.gamma).toBeLessThan(0);
      expect(short?.vega).toBeLessThan(0);
      for (const k of ['delta', 'gamma', 'vega', 'theta', 'rho', 'netDelta'] as const)
        expect(short?.[k]).toBeCloseTo(-(long?.[k] ?? NaN), 9);
    });
  });

  describe('when holding a perpetual and spot', () => {
    it('adds delta = quantity and nothing else', () => {
      const options = portfolioGreeks([{ symbol: CALL, quantity: 1 }], market()).byUnderlying['BTC/USDT'];
      const withPerp = portfolioGreeks(
        [
          { symbol: CALL, quantity: 1 },
          { symbol: 'BTC/USDT:USDT', quantity: -0.3 },
          { symbol: 'BTC/USDT', quantity: 0.1 },
        ],
        market(),
      ).byUnderlying['BTC/USDT'];
      expect(withPerp?.delta).toBeCloseTo((options?.delta ?? NaN) - 0.2, 12);
      expect(withPerp?.netDelta).toBeCloseTo((options?.netDelta ?? NaN) - 0.2, 12);
      expect(withPerp?.gamma).toBe(options?.gamma);
      expect(withPerp?.vega).toBe(options?.vega);
    });
  });

  it('reports netDelta = delta − price in coin, per option × quantity', () => {
    const g = portfolioGreeks([{ symbol: CALL, quantity: 3 }], market()).byUnderlying['BTC/USDT'];
    const coinPrice = inverseOptionPrice(atm('call'));
    expect(g?.netDelta).toBeCloseTo(3 * (venueGreeks(atm('call')).delta - coinPrice), 12);
    expect(g?.netDelta).toBeLessThan(g?.delta ?? NaN);
  });

  it('reports deltaUsd = delta × spot', () => {
    const g = portfolioGreeks([{ symbol: 'BTC/USDT:USDT', quantity: 0.5 }], market()).byUnderlying[
      'BTC/USDT'
    ];
    expect(g?.deltaUsd).toBeCloseTo(0.5 * 99_500, 9);
  });

  describe('when splitting by expiry', () => {
    const r = portfolioGreeks(
      [
        { symbol: CALL, quantity: 1 },
        { symbol: PUT, quantity: -2 },
        { symbol: JUNE_CALL, quantity: 4 },
        { symbol: 'BTC/USDT:USDT', quantity: 0.7 },
        { symbol: 'BTC/USDT', quantity: -0.2 },
      ],
      market(),
    );
    it('keys buckets by underlying|expiry, with spot and perpetual buckets', () => {
      expect(Object.keys(r.byExpiry).sort()).toEqual([
        'BTC/USDT|2026-03-27',
        'BTC/USDT|2026-06-26',
        'BTC/USDT|perpetual',
        'BTC/USDT|spot',
      ]);
      expect(r.byExpiry['BTC/USDT|perpetual']).toEqual({ delta: 0.7, gamma: 0, vega: 0, theta: 0, rho: 0 });
    });
    it('has buckets that sum to the underlying totals', () => {
      const total = r.byUnderlying['BTC/USDT'];
      for (const k of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
        const sum = Object.values(r.byExpiry).reduce((s, g) => s + g[k], 0);
        expect(sum).toBeCloseTo(total?.[k] ?? NaN, 9);
      }
    });
    it('prices the June option at its own forward and row IV', () => {
      const T = (Date.parse(`${JUNE}T08:00:00Z`) - NOW) / (365 * 86_400_000);
      const unit = venueGreeks({ F: 101_000, K: 110_000, T, sigma: 0.55, type: 'call' });
      expect(r.byExpiry['BTC/USDT|2026-06-26']?.vega).toBeCloseTo(4 * unit.vega, 9);
    });
  });

  describe('when the exact row is missing', () => {
    it('falls back to the nearest strike of the expiry, then the term structure, then atm_iv', () => {
      const unit = (symbol: string, surface: SurfaceLike) =>
        portfolioGreeks([{ symbol, quantity: 1 }], market({ surface: () => surface })).byUnderlying[
          'BTC/USDT'
        ];
      const K = 104_000;
      const sym = 'BTC-20260327-104000-C';
      const vegaAt = (sigma: number) => venueGreeks({ F, K, T: T_MARCH, sigma, type: 'call' }).vega;
      expect(unit(sym, btc)?.vega).toBeCloseTo(vegaAt(0.6), 9);
      const noRows = { ...btc, surface_data: [], term_structure: { [MARCH]: 0.7 } };
      expect(unit(sym, noRows)?.vega).toBeCloseTo(vegaAt(0.7), 9);
      expect(unit(sym, { ...noRows, term_structure: {} })?.vega).toBeCloseTo(vegaAt(0.65), 9);
    });
    it('uses the surface spot as forward when the expiry has no forward', () => {
      const g = portfolioGreeks(
        [{ symbol: CALL, quantity: 1 }],
        market({ surface: () => ({ ...btc, forwards: null }) }),
      ).byUnderlying['BTC/USDT'];
      expect(g?.delta).toBeCloseTo(venueGreeks({ ...atm('call'), F: 99_000 }).delta, 12);
    });
  });

  describe('when an option cannot be priced', () => {
    it('lists it in unpriced and leaves it out of the sums, keeping the underlying', () => {
      const r = portfolioGreeks(
        [
          { symbol: 'ETH-20260327-3000-C', quantity: 1 },
          { symbol: 'BTC-20261399-100000-C', quantity: 1 },
        ],
        market(),
      );
      expect(r.unpriced).toEqual(['ETH-20260327-3000-C', 'BTC-20261399-100000-C']);
      expect(r.byUnderlying['ETH/USDT']).toMatchObject({ delta: 0, gamma: 0, vega: 0, deltaUsd: null });
      expect(r.byExpiry).toEqual({});
    });
  });

  it('gives an expired option zero Greeks without needing a surface', () => {
    const r = portfolioGreeks(
      [{ symbol: 'BTC-20260301-100000-C', quantity: 5 }],
      market({ surface: () => null }),
    );
    expect(r.unpriced).toEqual([]);
    expect(r.byUnderlying['BTC/USDT']).toMatchObject({
      delta: 0,
      gamma: 0,
      vega: 0,
      theta: 0,
      rho: 0,
      netDelta: 0,
    });
  });

  it('skips zero quantities and rejects non-finite ones', () => {
    expect(portfolioGreeks([{ symbol: CALL, quantity: 0 }], market()).byUnderlying).toEqual({});
    expect(() => portfolioGreeks([{ symbol: CALL, quantity: Number.NaN }], market())).toThrow(
      /quantity of BTC-20260327-100000-C/,
    );
  });
});

describe('greeksWhatIf', () => {
  const positions = [
    { symbol: CALL, quantity: 1 },
    { symbol: 'BTC/USDT:USDT', quantity: -0.4 },
  ];
  const legs = [
    { symbol: PUT, quantity: 2 },
    { symbol: CALL, quantity: -0.5 },
  ];

  it('gives after = before + the legs', () => {
    const w = greeksWhatIf(positions, legs, market())['BTC/USDT'];
    const legsOnly = portfolioGreeks(legs, market()).byUnderlying['BTC/USDT'];
    for (const k of ['delta', 'gamma', 'vega', 'theta', 'rho', 'netDelta'] as const)
      expect(w?.after[k]).toBeCloseTo((w?.before[k] ?? NaN) + (legsOnly?.[k] ?? NaN), 9);
    expect(w?.before).toEqual(portfolioGreeks(positions, market()).byUnderlying['BTC/USDT']);
  });

  it('shows a new underlying with zeros before', () => {
    const w = greeksWhatIf([], [{ symbol: 'ETH/USDT:USDT', quantity: 3 }], market());
    expect(w['ETH/USDT']?.before).toEqual({
      delta: 0,
      gamma: 0,
      vega: 0,
      theta: 0,
      rho: 0,
      netDelta: 0,
      deltaUsd: 0,
    });
    expect(w['ETH/USDT']?.after.delta).toBe(3);
  });

  it('shows an underlying the legs close with zeros after', () => {
    const w = greeksWhatIf(
      positions,
      [
        { symbol: 'BTC/USDT:USDT', quantity: 0.4 },
        { symbol: CALL, quantity: -1 },
      ],
      market(),
    );
    expect(w['BTC/USDT']?.after).toMatchObject({ delta: 0, gamma: 0, vega: 0 });
  });

  it('names unpriced legs of the underlying', () => {
    const w = greeksWhatIf(positions, [{ symbol: 'BTC-20261399-1-C', quantity: 1 }], market());
    expect(w['BTC/USDT']?.unpriced).toEqual(['BTC-20261399-1-C']);
  });
});
