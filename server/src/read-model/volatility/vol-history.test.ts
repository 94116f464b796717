import { createVolForecast, createVolSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { applyForecast, applySurface, createVolHistory, volHistory } from './vol-history.ts';

const at = (second: number): string => new Date(Date.UTC(2026, 11, 5, 12, 0, second)).toISOString();
const surface = (second: number, atmIv: number, underlying = 'BTC/USDT') => ({
  id: `${second}-0`,
  message: createVolSurface({ underlying, atm_iv: atmIv, timestamp: at(second) }),
});
const forecast = (second: number, horizon: string, vol: number) => ({
  id: `${second}-1`,
  message: createVolForecast({ forecast_horizon: horizon, predicted_volatility: vol, timestamp: at(second) }),
});

describe('vol history', () => {
  it('carries each side forward, one point per instant, oldest first', () => {
    const state = createVolHistory();
    applySurface(state, surface(0, 0.5));
    applyForecast(state, forecast(10, '1h', 0.6));
    applyForecast(state, forecast(10, '24h', 0.62));
    applySurface(state, surface(15, 0.55));

    expect(volHistory(state, 'BTC/USDT', 10)).toEqual([
      { timestamp: at(0), atm_iv: 0.5, forecasts: {} },
      { timestamp: at(10), atm_iv: 0.5, forecasts: { '1h': 0.6, '24h': 0.62 } },
      { timestamp: at(15), atm_iv: 0.55, forecasts: { '1h': 0.6, '24h': 0.62 } },
    ]);
  });

  describe('when the streams warm up one after the other', () => {
    it('orders the samples by time all the same', () => {
      const state = createVolHistory();
      applySurface(state, surface(0, 0.5));
      applySurface(state, surface(20, 0.7));
      applyForecast(state, forecast(10, '24h', 0.6));
      applyForecast(state, forecast(5, '24h', 0.4));

      expect(volHistory(state, 'BTC/USDT', 10).map((p) => [p.atm_iv, p.forecasts['24h']])).toEqual([
        [0.5, undefined],
        [0.5, 0.4],
        [0.5, 0.6],
        [0.7, 0.6],
      ]);
    });
  });

  describe('when an entry is applied twice', () => {
    it('keeps one point', () => {
      const state = createVolHistory();
      applySurface(state, surface(0, 0.5));
      applySurface(state, surface(0, 0.5));

      expect(volHistory(state, 'BTC/USDT', 10)).toHaveLength(1);
    });
  });

  it('keeps the newest samples of each series within its bound, and the newest points within the limit', () => {
    const state = createVolHistory(3);
    for (let s = 0; s < 6; s += 1) applySurface(state, surface(s, s / 10));

    expect(volHistory(state, 'BTC/USDT', 10).map((p) => p.atm_iv)).toEqual([0.3, 0.4, 0.5]);
    expect(volHistory(state, 'BTC/USDT', 2).map((p) => p.atm_iv)).toEqual([0.4, 0.5]);
  });

  it('keeps each underlying apart, and has nothing for an unknown one', () => {
    const state = createVolHistory();
    applySurface(state, surface(0, 0.5));
    applySurface(state, surface(0, 0.9, 'ETH/USDT'));

    expect(volHistory(state, 'ETH/USDT', 10).map((p) => p.atm_iv)).toEqual([0.9]);
    expect(volHistory(state, 'SOL/USDT', 10)).toEqual([]);
  });
});
