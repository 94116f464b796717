import type { StreamName } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import type { StreamStats } from '../bus/redis-stream-info.ts';
import { streamsInfo } from './stream-monitor.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const ABSENT: StreamStats = { exists: false, length: 0, lastEntryId: null, groups: [] };

const group = (name: string, over: Partial<StreamStats['groups'][number]> = {}) => ({
  name,
  consumers: 1,
  pending: 0,
  lastDeliveredId: '0-0',
  lag: 0,
  oldestPending: null,
  nextUndeliveredId: null,
  ...over,
});

const intents: StreamStats = {
  exists: true,
  length: 3,
  lastEntryId: `${NOW - 1000}-0`,
  groups: [
    group('engine', { pending: 1, oldestPending: { id: `${NOW - 5000}-0`, idleMs: 4000 } }),
    group('audit-recorder', { lag: 2, nextUndeliveredId: `${NOW - 2000}-1` }),
  ],
};

const stats = (name: StreamName) => Promise.resolve(name === 'strategy.intent' ? intents : ABSENT);

describe('streamsInfo', () => {
  it('reports every stream, an absent one as empty', async () => {
    const info = await streamsInfo(stats, { nowMs: NOW, deadLetters: [] });
    expect(info.find((s) => s.stream === 'market.tick')).toEqual({
      stream: 'market.tick',
      exists: false,
      length: 0,
      last_entry_id: null,
      last_entry_at: null,
      dead_letters: 0,
      groups: [],
    });
  });

  it('measures each group from its oldest unacked entry and counts its dead letters', async () => {
    const deadLetters = [
      { source_stream: 'strategy.intent', group: 'engine', count: 2, last_entry_id: '9-0' },
      { source_stream: 'market.tick', group: 'engine', count: 5, last_entry_id: '8-0' },
    ];
    const [info] = (await streamsInfo(stats, { nowMs: NOW, deadLetters })).filter(
      (s) => s.stream === 'strategy.intent',
    );
    expect(info).toMatchObject({
      exists: true,
      length: 3,
      last_entry_at: new Date(NOW - 1000).toISOString(),
      dead_letters: 2,
    });
    expect(info?.groups).toEqual([
      expect.objectContaining({ name: 'audit-recorder', lag: 2, delay_ms: 2000, dead_letters: 0 }),
      expect.objectContaining({
        name: 'engine',
        oldest_pending_idle_ms: 4000,
        delay_ms: 5000,
        dead_letters: 2,
      }),
    ]);
  });

  describe('when the bus has counted entries', () => {
    it('gives each group its handled and failed of the last complete minute and the last 15 minutes', async () => {
      const minute = Math.floor(NOW / 60_000);
      const counts = new Map([
        [minute - 1, new Map([['strategy.intent|engine', { handled: 40, failed: 2 }]])],
        [minute, new Map([['strategy.intent|engine', { handled: 7, failed: 0 }]])],
        [minute - 20, new Map([['strategy.intent|engine', { handled: 999, failed: 9 }]])],
      ]);
      const [info] = (await streamsInfo(stats, { nowMs: NOW, deadLetters: [], counts })).filter(
        (s) => s.stream === 'strategy.intent',
      );
      const engine = info?.groups.find((g) => g.name === 'engine');
      const audit = info?.groups.find((g) => g.name === 'audit-recorder');

      expect(engine).toMatchObject({ handled_last_min: 40, failed_last_min: 2 });
      expect(engine?.per_minute).toHaveLength(15);
      expect(engine?.per_minute.at(-1)).toEqual({
        minute: new Date(minute * 60_000).toISOString(),
        handled: 7,
        failed: 0,
      });
      expect(engine?.per_minute.reduce((sum, m) => sum + m.handled, 0)).toBe(47);
      expect(audit).toMatchObject({ handled_last_min: 0, failed_last_min: 0 });
    });
  });
});
