import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeartbeatStore, ServiceBeat } from './heartbeat-store.ts';

/** A heartbeat store prepared for the contract suite. */
export interface HeartbeatStoreUnderTest {
  heartbeats: HeartbeatStore;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

const beat = (overrides: Partial<ServiceBeat> = {}): ServiceBeat => ({
  service: 'engine',
  host: 'desk-1',
  pid: 4242,
  started_at: '2026-03-02T09:15:00.000Z',
  last_beat: '2026-03-02T09:15:05.000Z',
  last_activity: null,
  stopped_at: null,
  ...overrides,
});

const byInstance = (beats: ServiceBeat[]) =>
  [...beats].sort((a, b) => `${a.service}${a.pid}`.localeCompare(`${b.service}${b.pid}`));

/** What every `HeartbeatStore` shares: the latest beat per service and process, pruned by age. */
export function describeHeartbeatStoreContract(
  name: string,
  make: () => Promise<HeartbeatStoreUnderTest>,
): void {
  describe(`${name} (heartbeat store contract)`, () => {
    let harness: HeartbeatStoreUnderTest;

    beforeEach(async () => {
      harness = await make();
    });
    afterEach(() => harness.dispose());

    it('lists nothing before the first beat', async () => {
      expect(await harness.heartbeats.list()).toEqual([]);
    });

    it('keeps the latest beat of each service and process', async () => {
      const { heartbeats } = harness;
      await heartbeats.beat(beat());
      await heartbeats.beat(beat({ service: 'gateway', pid: 7 }));
      const latest = beat({
        last_beat: '2026-03-02T09:15:10.000Z',
        last_activity: '2026-03-02T09:15:09.500Z',
      });
      await heartbeats.beat(latest);

      expect(byInstance(await heartbeats.list())).toEqual([latest, beat({ service: 'gateway', pid: 7 })]);
    });

    it('prunes the instances whose last beat is older than the cut, keeping the rest', async () => {
      const { heartbeats } = harness;
      await heartbeats.beat(beat({ pid: 1, last_beat: '2026-03-02T08:00:00.000Z' }));
      await heartbeats.beat(beat({ pid: 2, last_beat: '2026-03-02T09:15:05.000Z' }));

      expect(await heartbeats.prune(Date.parse('2026-03-02T09:00:00.000Z'))).toBe(1);
      expect((await heartbeats.list()).map((b) => b.pid)).toEqual([2]);
    });
  });
}
