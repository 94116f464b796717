import { createVolForecast, createVolSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { latestForecasts, newerOf } from './latest';

describe('newerOf', () => {
  it('takes the newer message, the live one on a tie', () => {
    const old = createVolSurface({ atm_iv: 0.5, timestamp: '2026-12-05T12:00:00.000Z' });
    const fresh = createVolSurface({ atm_iv: 0.6, timestamp: '2026-12-05T12:00:05.000Z' });
    expect(newerOf(old, fresh)).toBe(fresh);
    expect(newerOf(fresh, old)).toBe(fresh);
    expect(newerOf(null, old)).toBe(old);
    expect(newerOf(undefined, undefined)).toBeNull();
  });
});

describe('latestForecasts', () => {
  it('keeps the newest forecast of each horizon, shortest horizon first', () => {
    const snapshot = [
      createVolForecast({ forecast_horizon: '7d', timestamp: '2026-12-05T12:00:00.000Z' }),
      createVolForecast({
        forecast_horizon: '24h',
        predicted_volatility: 0.5,
        timestamp: '2026-12-05T12:00:00.000Z',
      }),
    ];
    const live = [
      createVolForecast({
        forecast_horizon: '24h',
        predicted_volatility: 0.6,
        timestamp: '2026-12-05T12:00:10.000Z',
      }),
      createVolForecast({ forecast_horizon: '1h', timestamp: '2026-12-05T12:00:10.000Z' }),
    ];
    expect(latestForecasts(snapshot, live).map((f) => [f.forecast_horizon, f.predicted_volatility])).toEqual([
      ['1h', 0.72],
      ['24h', 0.6],
      ['7d', 0.72],
    ]);
  });
});
