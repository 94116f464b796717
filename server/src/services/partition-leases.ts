import { randomUUID } from 'node:crypto';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { LeaseStore } from '../stores/leases/lease-store.ts';

/** What the leases need. */
export interface PartitionLeasesDeps {
  leases: LeaseStore;
  clock: Clock;
  log: Logger;
}

/** One service's partitions and what to do when this process takes or gives one up. */
export interface PartitionLeasesOptions {
  /** The service's lease group, e.g. `strategy-runner`; each part's lease is `<group>:<part>` */
  group: string;
  /** Every partition of the service (every process of it must list the same) */
  parts: readonly string[];
  /** How long a lease lasts without renewal, ms; renewed every third of it */
  ttlMs: number;
  /** This process now works on `part`; a throw gives the lease back (another process, or a later round, retries) */
  gained?(part: string): Promise<void>;
  /** This process stops working on `part` (given up, lost, or closing) */
  lost?(part: string): Promise<void>;
  /**
   * After a round (or close) that changed the set held: the partitions this process works on now. For a
   * service that restarts its work on the new set at once rather than per partition.
   */
  changed?(owned: ReadonlySet<string>): Promise<void>;
}

/**
 * Splits a service's partitions among its live processes with a Redis lease per partition (README,
 * "Scaling"): each process counts the live members of its group, takes free partitions up to its fair
 * share (`ceil(parts / members)`), gives back what is above it so a newcomer gets its share, and renews
 * what it holds every `ttlMs / 3`. A process that dies stops renewing: its partitions are free after `ttlMs`.
 * Rounds run one at a time; `gained` and `lost` are called from them, never concurrently.
 */
export class PartitionLeases {
  /** This process's holder id in the lease records */
  readonly holder = randomUUID();
  private readonly held = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastRenewedMs: number;
  private closed = false;

  constructor(
    private readonly deps: PartitionLeasesDeps,
    private readonly options: PartitionLeasesOptions,
  ) {
    this.lastRenewedMs = deps.clock.now();
  }

  /** Joins the group and takes this process's first share; then keeps the share in the background. */
  async start(): Promise<void> {
    await this.schedule();
    const every = Math.max(100, Math.floor(this.options.ttlMs / 3));
    this.timer = setInterval(() => void this.schedule(), every);
  }

  /** The partitions this process works on now. */
  owned(): ReadonlySet<string> {
    return this.held;
  }

  /** Stops renewing, calls `lost` for every partition held, gives the leases back and leaves the group. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    const { leases, log } = this.deps;
    const had = this.held.size > 0;
    for (const part of [...this.held].reverse()) await this.drop(part);
    if (had) await this.notifyChanged();
    await Promise.all([
      leases.join(this.options.group, this.holder, 0),
      ...this.options.parts.map((part) => leases.release(this.leaseOf(part), this.holder)),
    ]).catch((error: unknown) => log.warn('leases not given back', { error: String(error) }));
  }

  /** One round now (tests; the timer calls the same). */
  round(): Promise<void> {
    return this.schedule();
  }

  private schedule(): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.closed) return;
      const before = [...this.held].sort().join('\n');
      await this.keepShare();
      if ([...this.held].sort().join('\n') !== before) await this.notifyChanged();
    });
    return this.running;
  }

  private async notifyChanged(): Promise<void> {
    try {
      await this.options.changed?.(this.held);
    } catch (error) {
      this.deps.log.error('working on the new partitions failed', {
        group: this.options.group,
        error: String(error),
      });
    }
  }

  private async keepShare(): Promise<void> {
    const { leases, clock, log } = this.deps;
    const { group, parts, ttlMs } = this.options;
    try {
      const members = Math.max(1, await leases.join(group, this.holder, ttlMs));
      const share = Math.ceil(parts.length / members);
      for (const part of [...this.held]) {
        if (await leases.hold(this.leaseOf(part), this.holder, ttlMs)) continue;
        log.warn('partition lease lost to another process', { group, part });
        await this.drop(part);
      }
      this.lastRenewedMs = clock.now();
      // Above the fair share: the newest partitions go back, so a process that joined finds them free
      while (this.held.size > share) {
        const part = [...this.held].pop() ?? '';
        await this.drop(part);
        await leases.release(this.leaseOf(part), this.holder);
      }
      for (const part of parts) {
        if (this.held.size >= share || this.closed) break;
        if (this.held.has(part) || !(await leases.hold(this.leaseOf(part), this.holder, ttlMs))) continue;
        await this.take(part);
      }
    } catch (error) {
      log.error('partition leases round failed', { group, error: String(error) });
      // Unrenewed this long, the leases may have expired and moved: stop working on them
      if (clock.now() - this.lastRenewedMs >= (ttlMs * 2) / 3)
        for (const part of [...this.held]) await this.drop(part);
    }
  }

  private async take(part: string): Promise<void> {
    const { log, leases } = this.deps;
    this.held.add(part);
    try {
      await this.options.gained?.(part);
      log.info('partition taken', { group: this.options.group, part });
    } catch (error) {
      this.held.delete(part);
      log.error('taking a partition failed; lease given back', { part, error: String(error) });
      await leases.release(this.leaseOf(part), this.holder);
    }
  }

  private async drop(part: string): Promise<void> {
    this.held.delete(part);
    try {
      await this.options.lost?.(part);
      this.deps.log.info('partition given up', { group: this.options.group, part });
    } catch (error) {
      this.deps.log.error('giving a partition up failed', { part, error: String(error) });
    }
  }

  private leaseOf(part: string): string {
    return `${this.options.group}:${part}`;
  }
}
