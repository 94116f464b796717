import { z } from 'zod';
import { baseFields, FiniteSchema } from './common.ts';

/** Forecast horizons of the Q world. */
export const FORECAST_HORIZONS = ['1h', '24h', '7d'] as const;

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
    ...baseFields,
  })
  .readonly();
export type VolatilityForecastEvent = z.infer<typeof VolatilityForecastEventSchema>;
