import { z } from 'zod';
import { baseFields, FiniteSchema, nullable } from './common.ts';

/** Forecast horizons of the Q world. */
export const FORECAST_HORIZONS = ['1h', '24h', '7d'] as const;

/** One model the forecaster scored for a forecast: its out-of-sample loss and its own forecast of the horizon. */
export const ForecastCandidateSchema = z
  .object({
    /** The candidate model, e.g. `ewma-0.94/1`, `garch11-mle/1`, `har-rv/1` */
    model_version: z.string(),
    /** Out-of-sample QLIKE loss over the evaluation window (lower is better); null when not scorable yet */
    score: nullable(FiniteSchema),
    /** The candidate's forecast annualised volatility over the horizon; null when it has none */
    predicted_volatility: nullable(FiniteSchema.nonnegative()),
  })
  .readonly();
export type ForecastCandidate = z.infer<typeof ForecastCandidateSchema>;

/** A volatility forecast (the Q world). Published on `strategy.forecast.volatility`. */
export const VolatilityForecastEventSchema = z
  .object({
    /** Spot symbol */
    underlying: z.string().min(1),
    /** `1h`, `24h` or `7d` */
    forecast_horizon: z.string().min(1),
    /** Forecast annualised volatility over the horizon */
    predicted_volatility: FiniteSchema.nonnegative(),
    /** 0…1, from the fit */
    confidence: FiniteSchema.min(0).max(1),
    /** The model that produced it, e.g. `garch11-mle/1` */
    model_version: z.string(),
    /** Its inputs, e.g. `["log_returns_5s"]` */
    features_used: z.array(z.string()),
    /** Every model scored for the choice, the chosen one (`model_version`) included; `[]` when absent (older entries) */
    candidates: z.array(ForecastCandidateSchema).default([]),
    ...baseFields,
  })
  .readonly();
export type VolatilityForecastEvent = z.infer<typeof VolatilityForecastEventSchema>;
