import { PartitionLeases } from './partition-leases.ts';
import type { Service, ServiceDeps } from './service.ts';

/**
 * A service of which one process at a time may run (the market simulator: two would publish two price
 * paths), as one of N processes (README, "Scaling"): every process competes for one lease; the holder runs a
 * fresh service made by `make`, the others wait, and when the holder stops or dies (its lease expires after
 * `LEASE_TTL_MS`), one of them takes over with a new one (which resumes from the streams).
 */
export class SingletonService implements Service {
  private running: Service | null = null;
  private readonly lease: PartitionLeases;

  constructor(
    deps: ServiceDeps,
    readonly name: string,
    private readonly make: () => Service,
  ) {
    this.lease = new PartitionLeases(
      { leases: deps.stores.leases, clock: deps.clock, log: deps.log },
      {
        group: name,
        parts: ['singleton'],
        ttlMs: deps.config.process.leaseTtlMs,
        gained: () => this.run(),
        lost: () => this.stop(),
      },
    );
  }

  async start(): Promise<void> {
    await this.lease.start();
  }

  async close(): Promise<void> {
    await this.lease.close();
    await this.stop();
  }

  /** Whether this process runs the service now. */
  active(): boolean {
    return this.running !== null;
  }

  /** The service this process runs now, null while another process holds the lease. */
  current(): Service | null {
    return this.running;
  }

  private async run(): Promise<void> {
    const service = this.make();
    await service.start();
    this.running = service;
  }

  private async stop(): Promise<void> {
    const service = this.running;
    this.running = null;
    await service?.close();
  }
}
