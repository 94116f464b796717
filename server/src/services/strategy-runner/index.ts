import { randomUUID } from 'node:crypto';
import type { ServiceFactory } from '../service.ts';
import { createStrategies } from './core/registry.ts';
import { StrategyRunner } from './strategy-runner.ts';

export { StrategyRunner, STRATEGY_RUNNER_GROUP } from './strategy-runner.ts';
export { createStrategies, instanceIdOf } from './core/registry.ts';
export type { Strategy, StrategyOutput } from './core/strategy.ts';

/**
 * Builds the strategy runner hosting the instances of its section of the configuration (`STRATEGIES`,
 * `PQ_*`, `DELTA_*`, `GRID_*`, `S1_*`, `STRATEGY_<ID>_<KEY>`, validated at start).
 */
export const createStrategyRunnerService: ServiceFactory = (deps) => {
  const log = deps.log.child({ service: 'strategy-runner' });
  const strategies = createStrategies(deps.config.strategyRunner.instances, () => randomUUID());
  return new StrategyRunner({
    bus: deps.bus,
    clock: deps.clock,
    log,
    strategies,
    snapshots: deps.stores.snapshots,
    snapshotIntervalMs: deps.config.process.snapshotIntervalS * 1000,
  });
};
