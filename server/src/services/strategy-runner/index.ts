import { randomUUID } from 'node:crypto';
import type { ServiceFactory } from '../service.ts';
import { LeasedStrategyRunner } from './leased-runner.ts';

export { StrategyRunner, STRATEGY_RUNNER_GROUP } from './strategy-runner.ts';
export { LeasedStrategyRunner } from './leased-runner.ts';
export { createStrategies, instanceIdOf } from './core/registry.ts';
export type { Strategy, StrategyOutput } from './core/strategy.ts';

/**
 * Builds the strategy runner over the instances of its section of the configuration (`STRATEGIES`,
 * `PQ_*`, `DELTA_*`, `GRID_*`, `S1_*`, `STRATEGY_<ID>_<KEY>`, validated at start); processes with the same
 * list split the instances by lease (README, "Scaling").
 */
export const createStrategyRunnerService: ServiceFactory = (deps) =>
  new LeasedStrategyRunner({
    bus: deps.bus,
    clock: deps.clock,
    log: deps.log.child({ service: 'strategy-runner' }),
    leases: deps.stores.leases,
    snapshots: deps.stores.snapshots,
    instances: deps.config.strategyRunner.instances,
    newId: () => randomUUID(),
    snapshotIntervalMs: deps.config.process.snapshotIntervalS * 1000,
    leaseTtlMs: deps.config.process.leaseTtlMs,
  });
