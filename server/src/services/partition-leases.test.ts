import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeaseStore } from '../stores/leases/lease-store.ts';
import { FakeClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createMemoryLeaseStore } from '../stores/leases/lease-store.ts';
import { PartitionLeases } from './partition-leases.ts';

const PARTS = ['a', 'b', 'c', 'd'];
const TTL_MS = 3_000;

describe('PartitionLeases', () => {
  let clock: FakeClock;
  let leases: LeaseStore;
  let events: string[];
  beforeEach(() => {
    clock = new FakeClock();
    leases = createMemoryLeaseStore(() => clock.now());
    events = [];
  });
  const started: PartitionLeases[] = [];
  const process = (name: string) => {
    const p = new PartitionLeases(
      { leases, clock, log: silentLogger },
      {
        group: 'runner',
        parts: PARTS,
        ttlMs: TTL_MS,
        gained: (part) => Promise.resolve(void events.push(`${name}+${part}`)),
        lost: (part) => Promise.resolve(void events.push(`${name}-${part}`)),
      },
    );
    started.push(p);
    return p;
  };
  afterEach(() => Promise.all(started.splice(0).map((p) => p.close())));

  describe('when a second process joins the first', () => {
    it('splits the partitions evenly, each held by exactly one process', async () => {
      const one = process('one');
      await one.round();
      expect([...one.owned()]).toEqual(PARTS);
      const two = process('two');
      await two.round();
      await one.round();
      await two.round();
      expect(one.owned().size).toBe(2);
      expect(two.owned().size).toBe(2);
      expect(new Set([...one.owned(), ...two.owned()])).toEqual(new Set(PARTS));
      expect(events.filter((e) => e.startsWith('one-'))).toEqual(['one-d', 'one-c']);
    });
  });

  describe('when a process stops renewing', () => {
    it('lets the other take its partitions once its leases expire', async () => {
      const one = process('one');
      const two = process('two');
      await one.round();
      await two.round();
      await one.round();
      await two.round();
      clock.advance(TTL_MS + 1);
      await two.round();
      expect([...two.owned()].sort()).toEqual(PARTS);
      await one.round();
      expect(one.owned().size).toBe(0);
    });
  });

  describe('when a process closes', () => {
    it('gives its leases back at once and calls lost for each', async () => {
      const one = process('one');
      await one.round();
      await one.close();
      expect(events.filter((e) => e.startsWith('one-')).sort()).toEqual(PARTS.map((p) => `one-${p}`));
      expect(await leases.holders(PARTS.map((p) => `runner:${p}`))).toEqual([null, null, null, null]);
    });
  });
});
