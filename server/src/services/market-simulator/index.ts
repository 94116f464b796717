import type { ServiceDeps, ServiceFactory } from '../service.ts';
import { SingletonService } from '../singleton-service.ts';
import { MarketSimulatorConfigSchema, type MarketSimulatorConfigInput } from './config.ts';
import { MarketSimulatorService } from './market-simulator.ts';

export { MarketSimulatorService } from './market-simulator.ts';
export { MarketSimulatorConfigSchema } from './config.ts';
export type { MarketSimulatorConfig, MarketSimulatorConfigInput } from './config.ts';

/**
 * Creates the market simulator from its section of the configuration (SPEC §11 `SIM_*`, `UNDERLYINGS`), with optional
 * overrides (tests: `{ timers: false, sentimentPort: null, warmupMin: 0 }`). Throws on an invalid config.
 */
export const createMarketSimulatorService = ((
  deps: ServiceDeps,
  overrides: MarketSimulatorConfigInput = {},
) =>
  new MarketSimulatorService(
    deps,
    MarketSimulatorConfigSchema.parse({ ...deps.config.marketSimulator, ...overrides }),
  )) satisfies ServiceFactory;

/** The market simulator as one of N processes: only the holder of its lease runs it (README, "Scaling"). */
export const createLeasedMarketSimulatorService: ServiceFactory = (deps) =>
  new SingletonService(deps, 'market-simulator', () => createMarketSimulatorService(deps));
