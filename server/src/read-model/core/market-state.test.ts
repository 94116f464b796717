import {
  createMacroState,
  createPortfolioRisk,
  createStrategyIntent,
  createVolForecast,
  createVolSurface,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { hedgeStatus } from '@gamma/shared';
import {
  applyAlert,
  applyDeadLetter,
  applyForecast,
  applyMacroState,
  applyPortfolioRisk,
  applySurface,
  createMarketState,
  forecastKey,
  macroFor,
} from './market-state.ts';
import { buildPqSpread, normalizeUnderlying, pqTraderIdOf, signalOf } from './pq-spread.ts';
import { compareIds } from './stream-id.ts';

describe('market state', () => {
  describe('when an older entry arrives after a newer one', () => {
    it('keeps the newer surface, forecast and portfolio event', () => {
      const state = createMarketState();
      applySurface(state, { id: '2000-0', message: createVolSurface({ atm_iv: 0.7 }) });
      applySurface(state, { id: '1000-0', message: createVolSurface({ atm_iv: 0.5 }) });
      applyForecast(state, { id: '2000-0', message: createVolForecast({ predicted_volatility: 0.8 }) });
      applyForecast(state, { id: '1000-0', message: createVolForecast({ predicted_volatility: 0.1 }) });
      applyPortfolioRisk(state, { id: '2000-0', message: createPortfolioRisk({ total_delta: 1 }) });
      applyPortfolioRisk(state, { id: '1000-0', message: createPortfolioRisk({ total_delta: 2 }) });

      expect(state.surfaces.get('BTC/USDT')?.message.atm_iv).toBe(0.7);
      expect(state.forecasts.get(forecastKey('BTC/USDT', '24h'))?.message.predicted_volatility).toBe(0.8);
      expect(state.portfolio.get('BTC/USDT')?.message.total_delta).toBe(1);
    });
  });

  describe('when macro states arrive', () => {
    it('keeps a bounded history, ignores repeats and prefers the underlying own state', () => {
      const state = createMarketState(2);
      applyMacroState(state, { id: '1-0', message: createMacroState({ regime_score: 0.1 }) });
      applyMacroState(state, { id: '2-0', message: createMacroState({ regime_score: 0.2 }) });
      applyMacroState(state, { id: '2-0', message: createMacroState({ regime_score: 0.2 }) });
      applyMacroState(state, {
        id: '3-0',
        message: createMacroState({ symbol: 'ETH/USDT', regime_score: 0.3 }),
      });

      expect(state.macroHistory.map((m) => m.id)).toEqual(['2-0', '3-0']);
      expect(macroFor(state, 'ETH/USDT')?.message.regime_score).toBe(0.3);
      expect(macroFor(state, 'BTC/USDT')?.message.regime_score).toBe(0.2);
    });
  });

  describe('when alerts and dead letters arrive', () => {
    it('keeps alerts in order and counts dead letters per source and group', () => {
      const state = createMarketState();
      const alert = {
        strategy_id: 'global',
        alert_type: 'leverage' as const,
        severity: 'critical' as const,
        message: 'leverage 3.2 > 3',
        current_value: 3.2,
        threshold_value: 3,
        timestamp: '2026-03-02T09:15:04.120Z',
        metadata: {},
      };
      applyAlert(state, { id: '1-0', message: alert });
      applyAlert(state, { id: '1-0', message: alert });
      const letter = {
        source_stream: 'strategy.intent',
        source_entry_id: '5-0',
        group: 'engine',
        reason: 'INVALID_JSON',
        error: 'x',
        raw: '{',
        timestamp: '2026-03-02T09:15:04.120Z',
        metadata: {},
      };
      applyDeadLetter(state, { id: '6-0', message: letter as never });
      applyDeadLetter(state, { id: '7-0', message: letter as never });
      applyDeadLetter(state, { id: '7-0', message: letter as never });

      expect(state.alerts).toHaveLength(1);
      expect([...state.deadLetters.values()]).toEqual([
        { source_stream: 'strategy.intent', group: 'engine', count: 2, last_entry_id: '7-0' },
      ]);
    });
  });
});

describe('buildPqSpread', () => {
  describe('when P, Q, the trader intent and macro state are known', () => {
    it('fills every field of SPEC §10.2', () => {
      const intent = createStrategyIntent({ intent_type: 'increase_long_gamma', confidence: 0.7 });
      const view = buildPqSpread({
        underlying: 'BTC/USDT',
        horizon: '24h',
        surface: createVolSurface({ atm_iv: 0.65, timestamp: '2026-03-02T09:15:00.000Z' }),
        forecast: createVolForecast({ predicted_volatility: 0.72, timestamp: '2026-03-02T09:14:00.000Z' }),
        intent,
        macro: createMacroState({ macro_regime: 'bull', regime_score: 0.6, fomo_score: 0 }),
        nowIso: '2026-03-02T09:16:00.000Z',
      });
      expect(view).toEqual({
        underlying: 'BTC/USDT',
        p_vol: 0.65,
        q_vol: 0.72,
        spread: expect.closeTo(0.07, 10),
        signal: 'buy_volatility',
        confidence: 0.7,
        intent_type: 'increase_long_gamma',
        intent_reason: 'market_underpricing_volatility',
        intent_id: intent.intent_id,
        macro_regime: 'bull',
        regime_score: 0.6,
        fomo_score: 0,
        forecast_horizon: '24h',
        p_timestamp: '2026-03-02T09:15:00.000Z',
        q_timestamp: '2026-03-02T09:14:00.000Z',
        timestamp: '2026-03-02T09:16:00.000Z',
      });
    });
  });

  describe('when nothing is known yet', () => {
    it('is all null but the underlying, horizon and time', () => {
      const view = buildPqSpread({
        underlying: 'ETH/USDT',
        horizon: '24h',
        surface: null,
        forecast: null,
        intent: null,
        macro: null,
        nowIso: '2026-03-02T09:16:00.000Z',
      });
      expect(view.p_vol).toBeNull();
      expect(view.spread).toBeNull();
      expect(view.signal).toBeNull();
      expect(view.fomo_score).toBeNull();
    });
  });

  describe('signalOf', () => {
    it('maps intent types to the signal tag', () => {
      expect(signalOf('increase_long_gamma')).toBe('buy_volatility');
      expect(signalOf('increase_short_gamma')).toBe('sell_volatility');
      expect(signalOf('hold')).toBe('hold');
    });
  });

  describe('normalizeUnderlying and pqTraderIdOf', () => {
    it('accepts the URL forms and names the trader instance', () => {
      expect(normalizeUnderlying('BTC-USDT')).toBe('BTC/USDT');
      expect(normalizeUnderlying('eth/usdt')).toBe('ETH/USDT');
      expect(normalizeUnderlying('BTC')).toBeNull();
      expect(pqTraderIdOf('ETH/USDT')).toBe('pq_vol_trader_eth');
    });
  });
});

describe('hedgeStatus', () => {
  it.each([
    [0.0199, 'well_hedged'],
    [-0.02, 'acceptable'],
    [0.0499, 'acceptable'],
    [0.05, 'long_delta'],
    [-0.3, 'short_delta'],
  ] as const)('classifies delta %s as %s at threshold 0.05', (delta, status) => {
    expect(hedgeStatus(delta, 0.05)).toBe(status);
  });
});

describe('compareIds', () => {
  it('orders by milliseconds, then sequence, numerically', () => {
    expect(compareIds('999-0', '1000-0')).toBeLessThan(0);
    expect(compareIds('1000-10', '1000-9')).toBeGreaterThan(0);
    expect(compareIds('1000-1', '1000-1')).toBe(0);
  });
});
