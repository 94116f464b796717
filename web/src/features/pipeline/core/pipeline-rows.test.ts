import { describe, expect, it } from 'vitest';
import { pipelineRows, type StreamLike } from './pipeline-rows';

const stream = (groups: StreamLike['groups']): StreamLike => ({
  stream: 'strategy.intent',
  exists: true,
  length: 12,
  last_entry_at: '2026-03-02T09:15:04.000Z',
  dead_letters: 0,
  groups,
});

const group = (name: string, delayMs: number) => ({
  name,
  lag: 0,
  pending: 1,
  oldest_pending_idle_ms: 100,
  delay_ms: delayMs,
  dead_letters: 0,
});

describe('pipelineRows', () => {
  it('makes one row per consumer group, highlighting a delay above 5 s', () => {
    const rows = pipelineRows([stream([group('engine', 5001), group('audit-recorder', 5000)])]);
    expect(rows.map((r) => [r.group, r.slow])).toEqual([
      ['engine', true],
      ['audit-recorder', false],
    ]);
  });

  describe('when a stream has no groups', () => {
    it('still shows the stream', () => {
      const rows = pipelineRows([stream([])]);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.group).toBeNull();
    });
  });
});
