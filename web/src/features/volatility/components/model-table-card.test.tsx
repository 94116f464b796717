import { createVolForecast } from '@gamma/shared/testing';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelTableCard } from './model-table-card';

const candidates = [
  { model_version: 'ewma-0.94/1', score: -17.9, predicted_volatility: 0.66 },
  { model_version: 'garch11-mle/1', score: -18.4, predicted_volatility: 0.61 },
  { model_version: 'har-rv/1', score: null, predicted_volatility: null },
];

describe('ModelTableCard', () => {
  afterEach(cleanup);

  it('lists the candidates best first with the chosen one marked, and the published Q', () => {
    const q = createVolForecast({ predicted_volatility: 0.61, model_version: 'garch11-mle/1', candidates });
    render(<ModelTableCard forecasts={[q]} traderHorizon="24h" q={q} />);

    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'garch11-mle/1chosen-18.40061.0%',
      'ewma-0.94/1-17.90066.0%',
      'har-rv/1not scored—',
    ]);
    expect(screen.getByText(/^Q 24h 61\.0% · confidence 0\.80/)).toBeTruthy();
  });

  it('says so while there is no forecast', () => {
    render(<ModelTableCard forecasts={[]} traderHorizon="24h" q={null} />);
    expect(screen.getByText('no forecast yet')).toBeTruthy();
  });
});
