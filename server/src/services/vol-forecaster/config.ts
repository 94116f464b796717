import { z } from 'zod';
import { envSection } from '../../config/read-section.ts';
import { NUMBER } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';
import { UNDERLYINGS } from '../../config/shared-settings.ts';

const positive = z.number().finite().positive();
const count = (def: number) => z.number().int().positive().default(def);

/** Which environment variable feeds which field (SPEC §11 `FORECAST_*`). */
export const VOL_FORECASTER_ENV = {
  underlyings: UNDERLYINGS,
  barSeconds: setting({
    variable: 'FORECAST_BAR_S',
    reader: NUMBER,
    schema: positive.default(5),
    meaning: 'volatility forecaster: bar length of the log returns, s',
  }),
  minReturns: setting({
    variable: 'FORECAST_MIN_RETURNS',
    reader: NUMBER,
    schema: count(20),
    meaning: 'volatility forecaster: returns needed before the first forecast',
  }),
  intervalS: setting({
    variable: 'FORECAST_INTERVAL_S',
    reader: NUMBER,
    schema: positive.default(10),
    meaning: 'volatility forecaster: a forecast every this many seconds',
  }),
};

/** Configuration of the volatility forecaster (SPEC §8.3, §11 `FORECAST_*`). `{}` parses to the defaults. */
export const VolForecasterConfigSchema = z
  .strictObject({
    ...fieldsOf(VOL_FORECASTER_ENV),
    /** EWMA decay (RiskMetrics 0.94) */
    lambda: z.number().gt(0).lt(1).default(0.94),
    /** Returns needed before GARCH(1,1) is fitted */
    garchMinReturns: count(200),
    /** Refit GARCH after this many new returns (not on every forecast) */
    refitEveryReturns: count(120),
    /** Most recent returns GARCH is fitted on */
    garchMaxReturns: count(2000),
    /** Newest returns held out of the fit and used to score both models one step ahead */
    evaluationWindow: count(50),
    /** HAR-RV block ("day") length, seconds: realized variance per block of bars (60 s = 12 × 5 s bars) */
    harBlockSeconds: positive.default(60),
    /** HAR-RV medium ("week") and long ("month") means, in blocks */
    harMedium: count(5),
    harLong: count(22),
    /** Returns kept per underlying */
    maxReturns: count(5000),
    /** A tick gap of up to this many bars yields one scaled return; longer restarts the bars */
    maxGapBars: count(12),
    /** Returns behind `metadata.realized_vol` (720 × 5 s = 1 h) */
    realizedWindow: count(720),
    /** Newest `market.tick` entries replayed at start, so a restart forecasts at once (0 = none) */
    warmupTicks: z.number().int().nonnegative().default(5000),
    /** Run the forecast timer; false = the owner calls `publishForecasts(nowMs)` (tests) */
    timers: z.boolean().default(true),
  })
  .refine((c) => c.harMedium > 1 && c.harLong > c.harMedium, {
    message: 'HAR lags need 1 < harMedium < harLong',
  });
export type VolForecasterConfig = z.output<typeof VolForecasterConfigSchema>;
export type VolForecasterConfigInput = z.input<typeof VolForecasterConfigSchema>;

/** The forecaster's section of the configuration, read from the environment. */
export const volForecasterSection = envSection(
  'vol-forecaster',
  VolForecasterConfigSchema,
  VOL_FORECASTER_ENV,
);
