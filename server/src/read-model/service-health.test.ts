import { describe, expect, it } from 'vitest';
import type { ServiceBeat } from '../stores/heartbeats/heartbeat-store.ts';
import { beatStatus, RETIRED_AFTER_MS, servicesHealth } from './service-health.ts';

const NOW = Date.parse('2026-03-02T09:15:00.000Z');
const INTERVAL = 5000;
const at = { nowMs: NOW, intervalMs: INTERVAL };

const beat = (overrides: Partial<ServiceBeat> = {}): ServiceBeat => ({
  service: 'engine',
  host: 'desk-1',
  pid: 42,
  started_at: '2026-03-02T09:00:00.000Z',
  last_beat: new Date(NOW - 1000).toISOString(),
  last_activity: '2026-03-02T09:14:58.000Z',
  stopped_at: null,
  ...overrides,
});

const silentFor = (ms: number) => beat({ last_beat: new Date(NOW - ms).toISOString() });

describe('beatStatus', () => {
  it('is up while the last beat is at most three intervals old', () => {
    expect(beatStatus(silentFor(0), at)).toBe('up');
    expect(beatStatus(silentFor(3 * INTERVAL), at)).toBe('up');
  });

  it('is stale once three beats are missed', () => {
    expect(beatStatus(silentFor(3 * INTERVAL + 1), at)).toBe('stale');
    expect(beatStatus(silentFor(12 * INTERVAL), at)).toBe('stale');
  });

  it('is down after twelve missed beats, or once the service said it stopped', () => {
    expect(beatStatus(silentFor(12 * INTERVAL + 1), at)).toBe('down');
    expect(beatStatus(beat({ stopped_at: new Date(NOW - 500).toISOString() }), at)).toBe('down');
  });

  it('is down when the beat time does not parse', () => {
    expect(beatStatus(beat({ last_beat: 'yesterday' }), at)).toBe('down');
  });
});

describe('servicesHealth', () => {
  it('lists instances in the known order, up first, and a known service never seen as down', () => {
    const rows = servicesHealth(
      [
        beat({ service: 'gateway', pid: 7 }),
        beat({ pid: 1, stopped_at: new Date(NOW - 60_000).toISOString() }),
        beat({ pid: 2 }),
      ],
      { ...at, known: ['engine', 'kill-switch', 'gateway'] },
    );

    expect(rows.map((r) => [r.service, r.instance, r.status])).toEqual([
      ['engine', 'engine@desk-1:2', 'up'],
      ['engine', 'engine@desk-1:1', 'down'],
      ['kill-switch', null, 'down'],
      ['gateway', 'gateway@desk-1:7', 'up'],
    ]);
    expect(rows[0]).toMatchObject({ last_activity: '2026-03-02T09:14:58.000Z', host: 'desk-1', pid: 2 });
  });
});

describe('servicesHealth retired processes', () => {
  const known = { ...at, known: ['engine'] };
  const ago = (ms: number) => new Date(NOW - ms).toISOString();
  const retiredOf = (beats: ServiceBeat[]) =>
    servicesHealth(beats, known).map((r) => [r.instance, r.status, r.retired]);

  describe('when a process stopped cleanly and its service runs in another', () => {
    it('is retired at once', () => {
      expect(
        retiredOf([beat({ pid: 1, last_beat: ago(2000), stopped_at: ago(2000) }), beat({ pid: 2 })]),
      ).toEqual([
        ['engine@desk-1:2', 'up', false],
        ['engine@desk-1:1', 'down', true],
      ]);
    });
  });

  describe('when a process was killed and its service runs in another', () => {
    it(`stays with the current ones until silent for ${RETIRED_AFTER_MS / 60_000} minutes`, () => {
      const killed = (silentMs: number) => beat({ pid: 1, last_beat: ago(silentMs) });
      expect(retiredOf([killed(RETIRED_AFTER_MS), beat({ pid: 2 })])[1]).toEqual([
        'engine@desk-1:1',
        'down',
        false,
      ]);
      expect(retiredOf([killed(RETIRED_AFTER_MS + 1), beat({ pid: 2 })])[1]).toEqual([
        'engine@desk-1:1',
        'down',
        true,
      ]);
    });
  });

  describe('when no process of a service runs', () => {
    it('keeps the one that beat last in view, down, however long ago it stopped; older ones are retired', () => {
      const day = 24 * 3600 * 1000;
      expect(
        retiredOf([
          beat({ pid: 1, last_beat: ago(2 * day), stopped_at: ago(2 * day) }),
          beat({ pid: 2, last_beat: ago(day), stopped_at: ago(day) }),
        ]),
      ).toEqual([
        ['engine@desk-1:2', 'down', false],
        ['engine@desk-1:1', 'down', true],
      ]);
    });
  });
});
