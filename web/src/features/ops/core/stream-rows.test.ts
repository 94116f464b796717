import { describe, expect, it } from 'vitest';
import { streamRows, type StreamLike } from './stream-rows';

const minutes = (handled: number[], failedNow = 0) =>
  handled.map((h, i) => ({
    minute: new Date(Date.UTC(2026, 2, 2, 9, i)).toISOString(),
    handled: h,
    failed: i === handled.length - 1 ? failedNow : 0,
  }));

const group = (name: string, over: Partial<StreamLike['groups'][number]> = {}) => ({
  name,
  consumers: 1,
  lag: 0,
  pending: 0,
  oldest_pending_idle_ms: null,
  delay_ms: 0,
  dead_letters: 0,
  handled_last_min: 0,
  failed_last_min: 0,
  per_minute: minutes([0, 0, 0]),
  ...over,
});

const stream = (name: string, groups: StreamLike['groups']): StreamLike => ({
  stream: name,
  length: 10,
  last_entry_at: '2026-03-02T09:15:04.120Z',
  dead_letters: 0,
  groups,
});

describe('streamRows', () => {
  it('gives a stream without groups one row of its own, with no group figures', () => {
    expect(streamRows([stream('market.tick', [])])).toEqual([
      expect.objectContaining({ key: 'market.tick', group: null, handledPerMin: null, lagging: false }),
    ]);
  });

  it('makes one row per group with its handled series and flags', () => {
    const rows = streamRows([
      stream('strategy.intent', [
        group('engine', { delay_ms: 6000, handled_last_min: 40, per_minute: minutes([3, 40, 7]) }),
        group('audit-recorder', { per_minute: minutes([0, 0, 1], 2) }),
        group('risk-service', { failed_last_min: 1 }),
      ]),
    ]);

    expect(rows.map((r) => [r.group, r.lagging, r.failing])).toEqual([
      ['engine', true, false],
      ['audit-recorder', false, true],
      ['risk-service', false, true],
    ]);
    expect(rows[0]).toMatchObject({
      handledPerMin: 40,
      handledSeries: [3, 40, 7],
      key: 'strategy.intent|engine',
    });
    expect(rows[1]?.failedNow).toBe(2);
  });
});
