import { garch11Fit } from '@gamma/shared/quant';
import type { ServiceDeps, ServiceFactory } from '../service.ts';
import { VolForecasterConfigSchema, type VolForecasterConfigInput } from './config.ts';
import { VolForecasterService } from './vol-forecaster.ts';

export { VolForecasterService } from './vol-forecaster.ts';
export { VolForecasterConfigSchema } from './config.ts';
export type { VolForecasterConfig, VolForecasterConfigInput } from './config.ts';

/**
 * Creates the volatility forecaster from its section of the configuration (SPEC §11 `FORECAST_*`, `UNDERLYINGS`), with
 * optional overrides (tests: `{ timers: false }`). Throws on an invalid config.
 */
export const createVolForecasterService = ((deps: ServiceDeps, overrides: VolForecasterConfigInput = {}) =>
  new VolForecasterService(
    deps,
    VolForecasterConfigSchema.parse({ ...deps.config.volForecaster, ...overrides }),
    garch11Fit,
  )) satisfies ServiceFactory;
