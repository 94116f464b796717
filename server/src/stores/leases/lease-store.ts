import type { RedisClient } from '../../bus/redis.ts';
import { keyTable, SCRIPT_KEYS } from '../../keys/key-table.ts';
import { scriptsOf } from '../scripts/scripts.ts';

/**
 * Partition leases of the services that run as several processes (docs: README "Scaling"): a lease names
 * one partition (a strategy instance, an underlying, a singleton) and the process that works on it; it
 * expires unless renewed, so the partitions of a process that died move to the others.
 */
export interface LeaseStore {
  /** Takes lease `name` for `holder` when free, or renews it when `holder` has it; true when held after the call */
  hold(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives lease `name` up if `holder` still has it */
  release(name: string, holder: string): Promise<void>;
  /** Marks `holder` a live member of `group` for `ttlMs` (0: leaves); returns how many members are alive */
  join(group: string, holder: string, ttlMs: number): Promise<number>;
  /** The holder of each lease, null when free (monitoring, tests) */
  holders(names: readonly string[]): Promise<(string | null)[]>;
}

/** The leases in Redis: `<prefix>:lease:<name>` and `<prefix>:lease_members:<group>`, one key per script. */
export function createRedisLeaseStore(redis: RedisClient, prefix: string): LeaseStore {
  const keys = keyTable(prefix);
  const scripts = scriptsOf(redis);
  return {
    async hold(name, holder, ttlMs) {
      return (await scripts.leaseHold(SCRIPT_KEYS.leaseHold(keys, name), [holder, ttlMs])) === 1;
    },
    async release(name, holder) {
      await scripts.leaseRelease(SCRIPT_KEYS.leaseRelease(keys, name), [holder]);
    },
    async join(group, holder, ttlMs) {
      return Number(await scripts.leaseJoin(SCRIPT_KEYS.leaseJoin(keys, group), [holder, ttlMs]));
    },
    async holders(names) {
      // One GET per key: the leases may live on different cluster slots
      return Promise.all(names.map((name) => redis.get(keys.lease(name))));
    },
  };
}

/** The leases in memory (tests, one process); `now` gives the time in ms. */
export function createMemoryLeaseStore(now: () => number = () => performance.now()): LeaseStore {
  const leases = new Map<string, { holder: string; until: number }>();
  const members = new Map<string, Map<string, number>>();
  const live = (name: string) => {
    const lease = leases.get(name);
    return lease && lease.until > now() ? lease : undefined;
  };
  return {
    hold(name, holder, ttlMs) {
      const lease = live(name);
      if (lease && lease.holder !== holder) return Promise.resolve(false);
      leases.set(name, { holder, until: now() + ttlMs });
      return Promise.resolve(true);
    },
    release(name, holder) {
      if (live(name)?.holder === holder) leases.delete(name);
      return Promise.resolve();
    },
    join(group, holder, ttlMs) {
      const set = members.get(group) ?? new Map<string, number>();
      members.set(group, set);
      if (ttlMs > 0) set.set(holder, now() + ttlMs);
      else set.delete(holder);
      for (const [h, until] of set) if (until <= now()) set.delete(h);
      return Promise.resolve(set.size);
    },
    holders(names) {
      return Promise.resolve(names.map((name) => live(name)?.holder ?? null));
    },
  };
}
