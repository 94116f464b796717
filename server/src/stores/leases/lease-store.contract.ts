import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeaseStore } from './lease-store.ts';

/** A lease store prepared for the contract suite. */
export interface LeaseStoreUnderTest {
  leases: LeaseStore;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

/** What every `LeaseStore` shares: one holder at a time, renewal by the holder only, expiry, live members. */
export function describeLeaseStoreContract(name: string, make: () => Promise<LeaseStoreUnderTest>): void {
  describe(`${name} (lease store contract)`, () => {
    let harness: LeaseStoreUnderTest;
    beforeEach(async () => {
      harness = await make();
    });
    afterEach(() => harness.dispose());

    it('gives a free lease to the first holder and refuses it to another until released', async () => {
      const { leases } = harness;
      expect(await leases.hold('runner:a', 'p1', 60_000)).toBe(true);
      expect(await leases.hold('runner:a', 'p2', 60_000)).toBe(false);
      expect(await leases.hold('runner:a', 'p1', 60_000)).toBe(true);
      await leases.release('runner:a', 'p2');
      expect(await leases.holders(['runner:a', 'runner:b'])).toEqual(['p1', null]);
      await leases.release('runner:a', 'p1');
      expect(await leases.hold('runner:a', 'p2', 60_000)).toBe(true);
    });

    it('frees a lease its holder stops renewing', async () => {
      const { leases } = harness;
      expect(await leases.hold('sim', 'p1', 30)).toBe(true);
      await vi.waitFor(async () => expect(await leases.hold('sim', 'p2', 60_000)).toBe(true), {
        timeout: 2_000,
        interval: 10,
      });
      expect(await leases.holders(['sim'])).toEqual(['p2']);
    });

    it('counts the live members of a group; a member that leaves or stops beating is not counted', async () => {
      const { leases } = harness;
      expect(await leases.join('risk', 'p1', 60_000)).toBe(1);
      expect(await leases.join('risk', 'p2', 30)).toBe(2);
      expect(await leases.join('other', 'p3', 60_000)).toBe(1);
      await vi.waitFor(async () => expect(await leases.join('risk', 'p1', 60_000)).toBe(1), {
        timeout: 2_000,
        interval: 10,
      });
      expect(await leases.join('risk', 'p1', 0)).toBe(0);
    });
  });
}
