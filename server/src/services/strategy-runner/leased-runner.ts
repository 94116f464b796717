import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { LeaseStore } from '../../stores/leases/lease-store.ts';
import type { SnapshotStore } from '../../stores/snapshots/snapshot-store.ts';
import { PartitionLeases } from '../partition-leases.ts';
import type { Service } from '../service.ts';
import type { StrategyInstanceConfig } from './config.ts';
import { createStrategies } from './core/registry.ts';
import type { IdGenerator } from './core/strategy.ts';
import { STRATEGY_RUNNER_GROUP, StrategyRunner } from './strategy-runner.ts';

/** What the leased runner needs. */
export interface LeasedRunnerDeps {
  bus: Bus;
  clock: Clock;
  log: Logger;
  leases: LeaseStore;
  snapshots: SnapshotStore;
  /** Every instance `STRATEGIES` lists (every process of the runner must list the same) */
  instances: readonly StrategyInstanceConfig[];
  newId: IdGenerator;
  snapshotIntervalMs: number;
  leaseTtlMs: number;
}

/**
 * The strategy runner as one of N processes (README, "Scaling"): processes with the same `STRATEGIES`
 * split its instances with a lease per instance (each takes its fair share; a newcomer gets its share;
 * the instances of a process that died move after `LEASE_TTL_MS`). Whenever the set it holds changes,
 * the process stops its runner (each instance saves its snapshot) and starts one over the new set, each
 * instance restored from its snapshot and the booked streams after it, so an instance that moved
 * continues where the other process left it.
 */
export class LeasedStrategyRunner implements Service {
  readonly name = 'strategy-runner';
  private runner: StrategyRunner | null = null;
  private readonly partitions: PartitionLeases;

  constructor(private readonly deps: LeasedRunnerDeps) {
    // Every instance is built once here, so one that cannot be built stops startup in every process
    createStrategies([...deps.instances], deps.newId);
    this.partitions = new PartitionLeases(
      { leases: deps.leases, clock: deps.clock, log: deps.log },
      {
        group: STRATEGY_RUNNER_GROUP,
        parts: deps.instances.map((i) => i.id),
        ttlMs: deps.leaseTtlMs,
        changed: (owned) => this.host(owned),
      },
    );
  }

  /** Takes this process's share of the instances and starts running them. */
  async start(): Promise<void> {
    await this.partitions.start();
    if (this.deps.instances.length > 0 && this.runner === null)
      this.deps.log.info('strategy runner waits: every instance is run by another process');
  }

  /** Stops the runner (last snapshots) and gives the instances' leases back. */
  async close(): Promise<void> {
    await this.partitions.close();
    await this.stopRunner();
  }

  /** The instance ids this process runs now. */
  hosted(): string[] {
    return [...this.partitions.owned()];
  }

  private async host(owned: ReadonlySet<string>): Promise<void> {
    await this.stopRunner();
    if (owned.size === 0) return;
    const { deps } = this;
    const strategies = createStrategies(
      deps.instances.filter((i) => owned.has(i.id)),
      deps.newId,
    );
    deps.log.info('strategy runner hosts', { instances: strategies.map((s) => s.id) });
    const runner = new StrategyRunner({
      bus: deps.bus,
      clock: deps.clock,
      log: deps.log,
      strategies,
      snapshots: deps.snapshots,
      snapshotIntervalMs: deps.snapshotIntervalMs,
    });
    await runner.start();
    this.runner = runner;
  }

  private async stopRunner(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    await runner?.close();
  }
}
