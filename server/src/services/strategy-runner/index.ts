import { randomUUID } from 'node:crypto';
import type { ServiceFactory } from '../service.ts';
import { createStrategies, resolveStrategies } from './core/registry.ts';
import { StrategyRunner } from './strategy-runner.ts';

export { StrategyRunner, STRATEGY_RUNNER_GROUP } from './strategy-runner.ts';
export { createStrategies, instanceIdOf, resolveStrategies } from './core/registry.ts';
export type { Strategy, StrategyOutput } from './core/strategy.ts';

/**
 * Builds the strategy runner from the environment (`STRATEGIES`, `PQ_*`, `DELTA_*`, `GRID_*`,
 * `STRATEGY_<ID>_<KEY>`). Throws a clear Error on a bad strategy configuration, so startup stops.
 */
export const createStrategyRunnerService: ServiceFactory = (deps) => {
  const log = deps.log.child({ service: 'strategy-runner' });
  const { instances, unmatchedOverrides } = resolveStrategies(deps.env);
  for (const variable of unmatchedOverrides)
    log.warn('strategy override names no configured instance; ignored', { variable });
  const strategies = createStrategies(instances, () => randomUUID());
  return new StrategyRunner({ bus: deps.bus, clock: deps.clock, log, strategies });
};
