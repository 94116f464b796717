import type { VolatilityForecastEvent } from '@gamma/shared';

/** One candidate model of the forecaster, as the model table shows it. */
export interface ModelRow {
  model: string;
  /** Out-of-sample QLIKE loss (lower is better); null when not scorable yet */
  score: number | null;
  /** The model the forecaster chose (it published this model's forecasts) */
  chosen: boolean;
  /** The model's own forecast per horizon (null where unknown) */
  vols: Record<string, number | null>;
}

/** The losses of `metadata.model_losses`, for forecasts published before candidates were on the wire. */
function lossesOf(forecast: VolatilityForecastEvent): Map<string, number | null> {
  const raw = forecast.metadata.model_losses;
  const losses = new Map<string, number | null>();
  if (raw === null || typeof raw !== 'object') return losses;
  for (const [model, loss] of Object.entries(raw)) losses.set(model, typeof loss === 'number' ? loss : null);
  return losses;
}

/**
 * The forecaster's candidates, best score first (unscored last): the score from the trader's horizon (the
 * models are scored once per run, the same for every horizon) and each model's forecast per horizon.
 */
export function modelRowsOf(
  forecasts: readonly VolatilityForecastEvent[],
  traderHorizon: string,
): ModelRow[] {
  const main = forecasts.find((f) => f.forecast_horizon === traderHorizon) ?? forecasts[0];
  if (!main) return [];
  const rows = new Map<string, ModelRow>();
  const row = (model: string): ModelRow => {
    const existing = rows.get(model);
    if (existing) return existing;
    const created: ModelRow = { model, score: null, chosen: model === main.model_version, vols: {} };
    rows.set(model, created);
    return created;
  };
  for (const [model, loss] of lossesOf(main)) row(model).score = loss;
  for (const c of main.candidates) row(c.model_version).score = c.score;
  row(main.model_version);
  for (const f of forecasts) {
    for (const c of f.candidates) row(c.model_version).vols[f.forecast_horizon] = c.predicted_volatility;
    if (f.model_version === main.model_version)
      row(f.model_version).vols[f.forecast_horizon] = f.predicted_volatility;
  }
  return [...rows.values()].sort((a, b) =>
    a.score === null ? (b.score === null ? 0 : 1) : b.score === null ? -1 : a.score - b.score,
  );
}
