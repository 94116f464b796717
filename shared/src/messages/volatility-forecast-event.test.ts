import { describe, expect, it } from 'vitest';
import { VolatilityForecastEventSchema } from './volatility-forecast-event.ts';

const wire = {
  underlying: 'BTC/USDT',
  forecast_horizon: '24h',
  predicted_volatility: 0.61,
  confidence: 0.9,
  model_version: 'garch11-mle/1',
  features_used: ['log_returns_5s'],
  timestamp: '2026-12-05T12:00:00Z',
};

describe('VolatilityForecastEventSchema', () => {
  describe('when an older entry has no candidates', () => {
    it('parses with an empty candidate list', () => {
      expect(VolatilityForecastEventSchema.parse(wire).candidates).toEqual([]);
    });
  });

  it('keeps each candidate with its score and forecast, null where it has none', () => {
    const candidates = [
      { model_version: 'ewma-0.94/1', score: -18.2, predicted_volatility: 0.64 },
      { model_version: 'har-rv/1', score: null },
    ];
    expect(VolatilityForecastEventSchema.parse({ ...wire, candidates }).candidates).toEqual([
      candidates[0],
      { model_version: 'har-rv/1', score: null, predicted_volatility: null },
    ]);
  });
});
