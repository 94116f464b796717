import { VolatilitySurfaceEventSchema, nearestStrike, parseOptionSymbol, yearsToExpiry } from '@gamma/shared';
import { fitSurface, impliedVol, sviButterflyCheck, sviTotalVariance } from '@gamma/shared/quant';
import { describe, expect, it } from 'vitest';
import { atmIvOf } from './surface-summary.ts';
import { buildSurface, sampledQuotes, type SurfaceInput } from './surface.ts';

const NOW = Date.parse('2026-03-02T09:15:00Z');
const input = (overrides: Partial<SurfaceInput> = {}): SurfaceInput => ({
  underlying: 'BTC/USDT',
  spot: 100_250,
  nowMs: NOW,
  variance: 0.36,
  longRunVariance: 0.3,
  premium: 0.02,
  basisAnnual: 0.03,
  strikeSteps: [1000, 2000, 5000],
  smile: { skewRho: -0.25, wingBeta: 0.8, curvature: 1, impliedReversion: 12, minAtmVol: 0.05 },
  quoteHalfSpread: 0.01,
  ...overrides,
});

describe('buildSurface', () => {
  const surface = VolatilitySurfaceEventSchema.parse(buildSurface(input()));
  const expiries = Object.keys(surface.forwards ?? {});

  it('passes the wire schema with every addition filled', () => {
    expect(surface.spot_price).toBe(100_250);
    expect(surface.atm_expiry).toBe('2026-03-06');
    expect(Object.keys(surface.rr_25d ?? {})).toEqual(expiries);
    expect(Object.keys(surface.term_structure)).toEqual(expiries);
  });

  it('lists at least four expiries of nine strikes, a call and a put each', () => {
    expect(expiries.length).toBeGreaterThanOrEqual(4);
    for (const e of expiries) {
      const rows = surface.surface_data.filter((r) => r.expiry === e);
      expect(new Set(rows.map((r) => r.strike)).size).toBe(9);
      expect(rows).toHaveLength(18);
    }
  });

  it('sets each forward to S·e^{basis·T}', () => {
    for (const e of expiries) {
      expect(surface.forwards?.[e]).toBeCloseTo(100_250 * Math.exp(0.03 * yearsToExpiry(e, NOW)), 6);
    }
  });

  it('keeps put–call parity on the USD mids: C − P = F − K', () => {
    for (const call of surface.surface_data.filter((r) => r.option_type === 'call')) {
      const put = surface.surface_data.find(
        (r) => r.option_type === 'put' && r.expiry === call.expiry && r.strike === call.strike,
      );
      const F = surface.forwards?.[call.expiry] ?? NaN;
      expect(call.last - (put?.last ?? NaN)).toBeCloseTo(F - call.strike, 6);
    }
  });

  it('quotes bid and ask at mid × (1 ∓ 0.01) and prices at the row IV', () => {
    for (const r of surface.surface_data) {
      expect(r.bid).toBeCloseTo(r.last * 0.99, 9);
      expect(r.ask).toBeCloseTo(r.last * 1.01, 9);
      const F = surface.forwards?.[r.expiry] ?? NaN;
      const T = yearsToExpiry(r.expiry, NOW);
      const iv = impliedVol({
        model: 'black76',
        price: r.last,
        F,
        K: r.strike,
        T,
        r: 0,
        type: r.option_type,
      });
      expect(iv).toBeCloseTo(r.implied_volatility, 6);
    }
  });

  it('names each row by its option symbol and fills its Greeks', () => {
    for (const r of surface.surface_data) {
      expect(parseOptionSymbol(r.symbol ?? '')).toEqual({
        base: 'BTC',
        expiry: r.expiry,
        strike: r.strike,
        optionType: r.option_type,
      });
      expect(r.greeks).not.toBeNull();
    }
  });

  it('reports atm_iv as the mean call/put IV at the strike nearest the forward of atm_expiry', () => {
    const e = surface.atm_expiry ?? '';
    const F = surface.forwards?.[e] ?? NaN;
    const rows = surface.surface_data.filter((r) => r.expiry === e);
    const atm = nearestStrike(
      rows.map((r) => r.strike),
      F,
    );
    const ivs = rows.filter((r) => r.strike === atm).map((r) => r.implied_volatility);
    expect(surface.atm_iv).toBeCloseTo(((ivs[0] ?? NaN) + (ivs[1] ?? NaN)) / 2, 12);
    expect(surface.term_structure[e]).toBe(surface.atm_iv);
    expect(atmIvOf(rows, F)).toBe(surface.atm_iv);
  });

  it('keys iv_skew by whole strikes of atm_expiry and gives the out-of-the-money IV', () => {
    const e = surface.atm_expiry ?? '';
    const F = surface.forwards?.[e] ?? NaN;
    const rows = surface.surface_data.filter((r) => r.expiry === e);
    expect(Object.keys(surface.iv_skew)).toHaveLength(9);
    for (const [key, iv] of Object.entries(surface.iv_skew)) {
      expect(key).toMatch(/^\d+$/);
      const otm = Number(key) >= F ? 'call' : 'put';
      expect(rows.find((r) => r.strike === Number(key) && r.option_type === otm)?.implied_volatility).toBe(
        iv,
      );
    }
  });

  describe('when the smile is skewed to the puts', () => {
    it('reports negative 25-delta risk reversals', () => {
      for (const rr of Object.values(surface.rr_25d ?? {})) expect(rr).toBeLessThan(0);
    });
  });

  describe('when the smile is skewed to the calls', () => {
    it('reports positive 25-delta risk reversals', () => {
      const smile = { skewRho: 0.3, wingBeta: 0.8, curvature: 1, impliedReversion: 12, minAtmVol: 0.05 };
      const bullish = buildSurface(input({ smile }));
      for (const rr of Object.values(bullish.rr_25d ?? {})) expect(rr).toBeGreaterThan(0);
    });
  });

  describe('when the variance rises', () => {
    it('raises the ATM IV', () => {
      const calm = buildSurface(input({ variance: 0.2 }));
      const stressed = buildSurface(input({ variance: 0.8 }));
      expect(stressed.atm_iv).toBeGreaterThan(calm.atm_iv);
    });
  });

  describe('when priced from the fitted surface', () => {
    const fit = fitSurface({ expiries: sampledQuotes(input(), expiries) });
    const svi = surface.metadata['svi'] as Record<string, Record<string, number | boolean>>;

    it('reports the surface free of butterfly and calendar arbitrage', () => {
      expect(surface.metadata['arbitrage_free']).toBe(true);
      expect(fit.arbitrageFree).toBe(true);
      const slices = expiries.map((e) => svi[e] ?? {});
      for (const p of slices) {
        const params = p as unknown as { a: number; b: number; rho: number; m: number; sigma: number };
        expect(sviButterflyCheck(params, { kMin: -2, kMax: 2, step: 0.001 }).minG).toBeGreaterThanOrEqual(0);
      }
      for (let i = 1; i < slices.length; i += 1) {
        const before = slices[i - 1] as unknown as Parameters<typeof sviTotalVariance>[0];
        const after = slices[i] as unknown as Parameters<typeof sviTotalVariance>[0];
        for (let k = -1; k <= 1; k += 0.001) {
          expect(sviTotalVariance(after, k)).toBeGreaterThanOrEqual(sviTotalVariance(before, k));
        }
      }
    });

    it('gives atm_iv, term_structure and rr_25d of the fit', () => {
      expect(surface.atm_iv).toBe(fit.slice(surface.atm_expiry ?? '').atmIv);
      expect(surface.term_structure).toEqual(fit.termStructure);
      for (const e of expiries) expect(surface.rr_25d?.[e]).toBe(fit.slice(e).rr25);
    });

    it('prices every row at the fitted IV of its strike', () => {
      for (const r of surface.surface_data) expect(r.implied_volatility).toBe(fit.ivAt(r.expiry, r.strike));
    });

    it('writes metadata.svi per expiry with the parameters, the RMSE and the repair flag', () => {
      expect(Object.keys(svi)).toEqual(expiries);
      for (const e of expiries) {
        const s = fit.slice(e);
        expect(svi[e]).toEqual({
          ...s.params,
          rmse: s.rmse,
          repaired: s.repaired.butterfly || s.repaired.calendar,
        });
      }
    });

    it('fits noisy quotes: the fitted IVs differ from the sampled ones, but by well under a vol point', () => {
      const quotes = sampledQuotes(input(), expiries);
      const gaps = quotes.flatMap((q) =>
        q.strikes.map((K, i) => Math.abs(fit.ivAt(q.expiry, K) - (q.ivs[i] ?? NaN))),
      );
      expect(Math.max(...gaps)).toBeGreaterThan(0);
      expect(Math.max(...gaps)).toBeLessThan(0.01);
    });

    it('is reproducible: the same input gives the same surface', () => {
      expect(buildSurface(input())).toEqual(buildSurface(input()));
    });
  });

  describe('when the noise is off', () => {
    it('recovers the simulated smile exactly', () => {
      const exact = buildSurface(input({ ivNoise: 0 }));
      for (const s of Object.values(exact.metadata?.['svi'] as Record<string, { rmse: number }>)) {
        expect(s.rmse).toBeLessThan(1e-8);
      }
    });
  });

  describe('when the noise is out of range', () => {
    it('throws a RangeError', () => {
      expect(() => buildSurface(input({ ivNoise: -0.1 }))).toThrow(/ivNoise/);
    });
  });
});
