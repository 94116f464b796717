import type { StreamInput } from '@gamma/shared';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { LeaseStore } from '../../stores/leases/lease-store.ts';
import { PartitionLeases } from '../partition-leases.ts';

/** The lease group of the risk service. */
export const RISK_LEASE_GROUP = 'risk-service';
/**
 * The partition of what is not one underlying's: the macro loop, the book-wide alerts, the peak, and the
 * risk of underlyings held but not configured.
 */
export const PORTFOLIO_PART = 'portfolio';

/** What the risk service's partitions need. */
export interface RiskPartitionsDeps {
  leases: LeaseStore;
  clock: Clock;
  log: Logger;
  underlyings: readonly string[];
  ttlMs: number;
  /** Called when this process takes the portfolio part */
  onPortfolio: () => void;
}

/** One lease per configured underlying plus the portfolio part (README, "Scaling"). */
export function riskPartitions(deps: RiskPartitionsDeps): PartitionLeases {
  return new PartitionLeases(
    { leases: deps.leases, clock: deps.clock, log: deps.log },
    {
      group: RISK_LEASE_GROUP,
      parts: [...deps.underlyings, PORTFOLIO_PART],
      ttlMs: deps.ttlMs,
      gained: (part) => {
        if (part === PORTFOLIO_PART) deps.onPortfolio();
        return Promise.resolve();
      },
    },
  );
}

/** Whether a process holding `owned` publishes for `underlying` (null: the book-wide part). */
export function ownsUnderlying(
  owned: ReadonlySet<string>,
  underlyings: readonly string[],
  underlying: string | null,
): boolean {
  if (underlying !== null && underlyings.includes(underlying)) return owned.has(underlying);
  return owned.has(PORTFOLIO_PART);
}

/** The underlying an alert is about, null for a book-wide one. */
export const alertUnderlying = (a: StreamInput<'risk.alert'>): string | null => {
  const u = (a.metadata as { underlying?: unknown } | undefined)?.underlying;
  return typeof u === 'string' ? u : null;
};
