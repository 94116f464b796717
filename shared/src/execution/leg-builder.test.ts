import { describe, expect, it } from 'vitest';
import type { OptionChainData } from '../messages/option-chain-data.ts';
import { inverseOptionPrice, venueGreeks } from '../quant/inverse.ts';
import { createVolSurface, TEST_TIMESTAMP } from '../testing/factories.ts';
import { yearsToExpiry } from '../symbols.ts';
import { buildOptionLegs, type LegBuildInput } from './leg-builder.ts';
import { nearestStrike, selectLiveExpiry } from './leg-selection.ts';

const NOW = Date.parse(TEST_TIMESTAMP); // 2026-03-02T09:15:04.120Z

interface RowOptions {
  type?: 'call' | 'put';
  F?: number;
  iv?: number;
  greeks?: boolean;
}

const row = (expiry: string, strike: number, opts: RowOptions = {}): OptionChainData => {
  const type = opts.type ?? 'call';
  const F = opts.F ?? 100_000;
  const iv = opts.iv ?? 0.6;
  const T = yearsToExpiry(expiry, NOW);
  const mid = inverseOptionPrice({ F, K: strike, T, sigma: iv, type }) * F;
  return {
    underlying: 'BTC/USDT',
    strike,
    expiry,
    option_type: type,
    bid: mid * 0.99,
    ask: mid * 1.01,
    last: mid,
    volume: 0,
    open_interest: 0,
    implied_volatility: iv,
    greeks: opts.greeks === false ? null : { ...venueGreeks({ F, K: strike, T, sigma: iv, type }) },
    symbol: null,
  };
};

const chain = (expiry: string, strikes: number[], opts: RowOptions = {}) =>
  strikes.flatMap((k) => [
    row(expiry, k, { ...opts, type: 'call' }),
    row(expiry, k, { ...opts, type: 'put' }),
  ]);

const STRIKES = [80_000, 85_000, 90_000, 95_000, 100_000, 105_000, 110_000, 115_000, 120_000];

const input = (over: Partial<LegBuildInput> = {}): LegBuildInput => ({
  action: 'buy_straddle',
  quantity: 0.1,
  surface: createVolSurface({
    surface_data: [
      ...chain('2026-03-03', STRIKES),
      ...chain('2026-03-06', STRIKES),
      ...chain('2026-03-27', STRIKES),
    ],
    forwards: { '2026-03-03': 100_010, '2026-03-06': 100_020, '2026-03-27': 100_200 },
  }),
  nowMs: NOW,
  minExpiryHours: 24,
  strangleDelta: 0.25,
  priceBufferPct: 0.01,
  maxSurfaceAgeS: 60,
  fallbackSpot: null,
  ...over,
});

const ok = (over: Partial<LegBuildInput> = {}) => {
  const result = buildOptionLegs(input(over));
  if (!result.ok) throw new Error(`expected legs, got ${result.code}: ${result.reason}`);
  return result.value;
};

describe('selectLiveExpiry', () => {
  it('takes the earliest expiry at least 24 h away, at 08:00 UTC of its date', () => {
    const rows = [row('2026-03-03', 100_000), row('2026-03-06', 100_000)];
    // 2026-03-03T08:00Z is 22.75 h after now
    expect(selectLiveExpiry(rows, NOW, 24)).toBe('2026-03-06');
    expect(selectLiveExpiry(rows, NOW, 22)).toBe('2026-03-03');
  });

  it('accepts an expiry exactly 24 h away', () => {
    const rows = [row('2026-03-03', 100_000)];
    expect(selectLiveExpiry(rows, Date.parse('2026-03-02T08:00:00.000Z'), 24)).toBe('2026-03-03');
    expect(selectLiveExpiry(rows, Date.parse('2026-03-02T08:00:00.001Z'), 24)).toBeNull();
  });

  it('ignores already expired expiries even when they sort first', () => {
    expect(selectLiveExpiry([row('2026-03-01', 100_000)], NOW, 24)).toBeNull();
  });
});

describe('nearestStrike', () => {
  it('takes the lower strike on a tie', () => {
    expect(nearestStrike([105_000, 95_000, 100_000, 102_500], 101_250)).toBe(100_000);
    expect(nearestStrike([110_000, 100_000], 105_000)).toBe(100_000);
  });

  it('takes the listed strike nearest the forward, not the median', () => {
    expect(nearestStrike([50_000, 60_000, 70_000, 100_000, 110_000], 98_000)).toBe(100_000);
  });
});

describe('buildOptionLegs', () => {
  describe('when the action is a straddle', () => {
    it('builds call then put at the ATM strike of the live expiry, priced off the quotes', () => {
      const built = ok();
      expect(built.expiry).toBe('2026-03-06');
      expect(built.forward).toBe(100_020);
      const [call, put] = built.legs;
      expect(call).toMatchObject({
        leg: 0,
        option_type: 'call',
        strike: 100_000,
        side: 'buy',
        quantity: 0.1,
      });
      expect(put).toMatchObject({ leg: 1, option_type: 'put', strike: 100_000, side: 'buy', quantity: 0.1 });
      expect(call.symbol).toBe('BTC-20260306-100000-C');
      expect(put.symbol).toBe('BTC-20260306-100000-P');
      expect(call.limit_price).toBeCloseTo(call.ask * 1.01, 9);
      expect(call.mid).toBeCloseTo((call.bid + call.ask) / 2, 9);
    });

    it('prices sells at bid × (1 − buffer)', () => {
      const [call, put] = ok({ action: 'sell_straddle' }).legs;
      expect(call.side).toBe('sell');
      expect(call.limit_price).toBeCloseTo(call.bid * 0.99, 9);
      expect(put.limit_price).toBeCloseTo(put.bid * 0.99, 9);
    });

    it('takes the lower strike when the forward sits exactly between two strikes', () => {
      const surface = createVolSurface({
        surface_data: chain('2026-03-06', STRIKES),
        forwards: { '2026-03-06': 102_500 },
      });
      expect(ok({ surface }).legs[0].strike).toBe(100_000);
    });

    it('falls back to spot_price, then the latest tick, for the forward', () => {
      const rows = chain('2026-03-06', STRIKES);
      expect(ok({ surface: createVolSurface({ surface_data: rows, spot_price: 96_000 }) }).forward).toBe(
        96_000,
      );
      const noSpot = createVolSurface({ surface_data: rows, spot_price: null });
      expect(ok({ surface: noSpot, fallbackSpot: 108_000 }).legs[0].strike).toBe(110_000);
      expect(buildOptionLegs(input({ surface: noSpot }))).toMatchObject({ ok: false, code: 'NO_SURFACE' });
    });
  });

  describe('when the action is a strangle', () => {
    it('picks OTM legs whose deltas are nearest ±0.25 from the chain Greeks', () => {
      const built = ok({ action: 'buy_strangle' });
      const [call, put] = built.legs;
      expect(call.strike).toBeGreaterThan(built.forward);
      expect(put.strike).toBeLessThan(built.forward);
      const T = yearsToExpiry('2026-03-06', NOW);
      const delta = (K: number, type: 'call' | 'put') =>
        venueGreeks({ F: 100_000, K, T, sigma: 0.6, type }).delta;
      const bestCall = STRIKES.filter((k) => k > built.forward).reduce((a, b) =>
        Math.abs(delta(b, 'call') - 0.25) < Math.abs(delta(a, 'call') - 0.25) ? b : a,
      );
      const bestPut = STRIKES.filter((k) => k < built.forward).reduce((a, b) =>
        Math.abs(delta(b, 'put') + 0.25) < Math.abs(delta(a, 'put') + 0.25) ? b : a,
      );
      expect(call.strike).toBe(bestCall);
      expect(put.strike).toBe(bestPut);
      expect(call.delta).toBeCloseTo(delta(bestCall, 'call'), 12);
      expect(put.delta).toBeLessThan(0);
    });

    it('computes deltas by Black-76 at the row IV when the chain has no Greeks', () => {
      const surface = createVolSurface({
        surface_data: chain('2026-03-27', STRIKES, { greeks: false }),
        forwards: { '2026-03-27': 100_000 },
      });
      const withGreeks = createVolSurface({
        surface_data: chain('2026-03-27', STRIKES),
        forwards: { '2026-03-27': 100_000 },
      });
      const a = ok({ action: 'sell_strangle', surface }).legs;
      const b = ok({ action: 'sell_strangle', surface: withGreeks }).legs;
      expect(a.map((l) => l.strike)).toEqual(b.map((l) => l.strike));
      expect(a[0].delta).toBeCloseTo(b[0].delta ?? NaN, 12);
      expect(a[0].side).toBe('sell');
    });

    it('fails NO_OTM_STRIKE when no put strike lies below the forward', () => {
      const surface = createVolSurface({
        surface_data: chain('2026-03-06', [100_000, 105_000, 110_000]),
        forwards: { '2026-03-06': 99_000 },
      });
      expect(buildOptionLegs(input({ action: 'buy_strangle', surface }))).toMatchObject({
        ok: false,
        code: 'NO_OTM_STRIKE',
      });
    });
  });

  describe('when the inputs cannot be traded', () => {
    it('fails NO_SURFACE without a surface', () => {
      expect(buildOptionLegs(input({ surface: null }))).toMatchObject({ ok: false, code: 'NO_SURFACE' });
    });

    it('fails SURFACE_STALE for a surface older than the limit, and skips the check when the limit is null', () => {
      const later = NOW + 60_001;
      expect(buildOptionLegs(input({ nowMs: later }))).toMatchObject({ ok: false, code: 'SURFACE_STALE' });
      expect(buildOptionLegs(input({ nowMs: NOW + 60_000 })).ok).toBe(true);
      expect(buildOptionLegs(input({ nowMs: later, maxSurfaceAgeS: null })).ok).toBe(true);
    });

    it('fails NO_LIVE_EXPIRY when every expiry is under 24 h away', () => {
      const surface = createVolSurface({ surface_data: chain('2026-03-03', STRIKES) });
      expect(buildOptionLegs(input({ surface }))).toMatchObject({ ok: false, code: 'NO_LIVE_EXPIRY' });
    });

    it('fails NO_QUOTE when a leg has no positive bid or ask', () => {
      const rows = chain('2026-03-06', STRIKES).map((r) =>
        r.strike === 100_000 && r.option_type === 'put' ? { ...r, bid: 0 } : r,
      );
      const surface = createVolSurface({ surface_data: rows, forwards: { '2026-03-06': 100_000 } });
      expect(buildOptionLegs(input({ surface }))).toMatchObject({ ok: false, code: 'NO_QUOTE' });
      expect(buildOptionLegs(input({ surface, action: 'buy_strangle' })).ok).toBe(true);
    });

    it('fails NO_QUOTE when the ATM put is not listed', () => {
      const rows = chain('2026-03-06', STRIKES).filter(
        (r) => !(r.strike === 100_000 && r.option_type === 'put'),
      );
      const surface = createVolSurface({ surface_data: rows, forwards: { '2026-03-06': 100_000 } });
      expect(buildOptionLegs(input({ surface }))).toMatchObject({ ok: false, code: 'NO_QUOTE' });
    });

    it('fails INVALID_QUANTITY for a quantity that is not > 0', () => {
      expect(buildOptionLegs(input({ quantity: 0 }))).toMatchObject({ ok: false, code: 'INVALID_QUANTITY' });
      expect(buildOptionLegs(input({ quantity: NaN }))).toMatchObject({
        ok: false,
        code: 'INVALID_QUANTITY',
      });
    });

    it('fails UNKNOWN_ACTION for anything but the four option actions', () => {
      expect(buildOptionLegs(input({ action: 'buy' }))).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    });
  });
});
