import { venueGreeks } from '@gamma/shared/quant';
import { createTestSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import type { MarketView } from './market-view.ts';
import { optionWhatIf, withoutWhatIf, withWhatIf } from './what-if.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const T = (Date.parse('2026-03-06T08:00:00Z') - NOW) / (365 * 86_400_000);
const market: MarketView = {
  mids: { 'BTC/USDT': 100_000 },
  tickAtMs: {},
  surfaces: { 'BTC/USDT': createTestSurface() },
};
const CALL = 'BTC-20260306-100000-C';
const PUT = 'BTC-20260306-100000-P';
const unit = (type: 'call' | 'put') => venueGreeks({ F: 100_000, K: 100_000, T, sigma: 0.6, type });

describe('optionWhatIf', () => {
  describe('when a straddle is proposed against a perpetual short', () => {
    const w = optionWhatIf(
      { 'BTC/USDT:USDT': -0.2 },
      [
        { symbol: CALL, side: 'buy', quantity: 0.1 },
        { symbol: PUT, side: 'buy', quantity: 0.1 },
      ],
      { market, nowMs: NOW },
    );
    it('reports the underlying and the Greeks before (the perpetual alone)', () => {
      expect(w?.underlying).toBe('BTC/USDT');
      expect(w?.before).toEqual({ delta: -0.2, gamma: 0, vega: 0, theta: 0, rho: 0 });
      expect(w?.unpriced).toEqual([]);
    });
    it('adds the legs to give the Greeks after', () => {
      const c = unit('call');
      const p = unit('put');
      expect(w?.after.delta).toBeCloseTo(-0.2 + 0.1 * (c.delta + p.delta), 12);
      expect(w?.after.vega).toBeCloseTo(0.1 * (c.vega + p.vega), 9);
      expect(w?.after.gamma).toBeGreaterThan(0);
      expect(w?.after.theta).toBeLessThan(0);
    });
  });

  describe('when legs are sold', () => {
    it('subtracts them', () => {
      const w = optionWhatIf({}, [{ symbol: CALL, side: 'sell', quantity: 1 }], { market, nowMs: NOW });
      expect(w?.after.vega).toBeCloseTo(-unit('call').vega, 9);
      expect(w?.before.vega).toBe(0);
    });
  });

  it('is null without legs', () => {
    expect(optionWhatIf({ 'BTC/USDT': 1 }, [], { market, nowMs: NOW })).toBeNull();
  });
});

describe('withWhatIf / withoutWhatIf', () => {
  it('adds what_if to the intent metadata and takes it out again', () => {
    const intent = { intent_id: 'i', metadata: { p_vol: 0.6 } };
    const whatIf = { underlying: 'BTC/USDT', before: unit('call'), after: unit('put'), unpriced: [] };
    const stored = withWhatIf(intent, whatIf);
    expect(stored.metadata).toEqual({ p_vol: 0.6, what_if: whatIf });
    expect(withoutWhatIf(stored)).toEqual(intent);
    expect(withWhatIf(intent, null)).toBe(intent);
  });
});
