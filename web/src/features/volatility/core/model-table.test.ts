import { createVolForecast } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { modelRowsOf } from './model-table';

const candidates = (h: number) => [
  { model_version: 'ewma-0.94/1', score: -17.9, predicted_volatility: 0.66 + h },
  { model_version: 'garch11-mle/1', score: -18.4, predicted_volatility: 0.61 + h },
  { model_version: 'har-rv/1', score: null, predicted_volatility: null },
];

describe('modelRowsOf', () => {
  it('lists the candidates best score first, unscored last, the chosen one marked, with each horizon’s forecast', () => {
    const forecasts = [
      createVolForecast({
        forecast_horizon: '1h',
        predicted_volatility: 0.62,
        model_version: 'garch11-mle/1',
        candidates: candidates(0.01),
      }),
      createVolForecast({
        forecast_horizon: '24h',
        predicted_volatility: 0.61,
        model_version: 'garch11-mle/1',
        candidates: candidates(0),
      }),
    ];

    expect(modelRowsOf(forecasts, '24h')).toEqual([
      { model: 'garch11-mle/1', score: -18.4, chosen: true, vols: { '1h': 0.62, '24h': 0.61 } },
      { model: 'ewma-0.94/1', score: -17.9, chosen: false, vols: { '1h': 0.67, '24h': 0.66 } },
      { model: 'har-rv/1', score: null, chosen: false, vols: { '1h': null, '24h': null } },
    ]);
  });

  describe('when the forecasts predate candidates on the wire', () => {
    it('reads the scores from metadata.model_losses and the chosen model’s forecasts', () => {
      const forecast = createVolForecast({
        model_version: 'ewma-0.94/1',
        predicted_volatility: 0.7,
        metadata: { model_losses: { 'ewma-0.94/1': -17.9, 'har-rv/1': null } },
      });

      expect(modelRowsOf([forecast], '24h')).toEqual([
        { model: 'ewma-0.94/1', score: -17.9, chosen: true, vols: { '24h': 0.7 } },
        { model: 'har-rv/1', score: null, chosen: false, vols: {} },
      ]);
    });
  });

  it('has no rows without a forecast', () => {
    expect(modelRowsOf([], '24h')).toEqual([]);
  });
});
