import type { ChainableCommander } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BUCKET_LABELS, parseTotals, TotalsTally } from './bus-totals.ts';

/** A pipeline that only records its HINCRBYs, field → increment. */
function recordingPipeline() {
  const fields = new Map<string, number>();
  const pipeline = {
    hincrby: (_key: string, field: string, by: number) => {
      fields.set(field, (fields.get(field) ?? 0) + by);
      return pipeline;
    },
  };
  return { pipeline: pipeline as unknown as ChainableCommander, fields };
}

describe('bus totals', () => {
  describe('when a tally is added to a pipeline', () => {
    it('sends each kind, a dead letter as failed too, and each duration in its bucket', () => {
      const tally = new TotalsTally();
      tally.count('handled');
      tally.observe(0.3);
      tally.count('handled');
      tally.observe(7);
      tally.count('dead_lettered');
      const { pipeline, fields } = recordingPipeline();

      tally.addTo(pipeline, 'glm:bus_totals', 'strategy.intent|engine');

      expect(Object.fromEntries(fields)).toEqual({
        'strategy.intent|engine|handled': 2,
        'strategy.intent|engine|failed': 1,
        'strategy.intent|engine|dead_lettered': 1,
        'strategy.intent|engine|bucket:0.0005': 1,
        'strategy.intent|engine|bucket:0.01': 1,
        'strategy.intent|engine|duration_us': 7300,
      });
    });

    it('sends nothing the second time', () => {
      const tally = new TotalsTally();
      tally.count('failed');
      tally.addTo(recordingPipeline().pipeline, 'k', 'p');
      const { pipeline, fields } = recordingPipeline();

      tally.addTo(pipeline, 'k', 'p');

      expect(fields.size).toBe(0);
    });
  });

  it('folds the totals hash per stream and group, skipping fields it does not know', () => {
    const rows = parseTotals({
      'strategy.intent|engine|handled': '12',
      'strategy.intent|engine|bucket:+Inf': '2',
      'strategy.intent|engine|bucket:0.001': '10',
      'strategy.intent|engine|duration_us': '1500000',
      'market.tick|risk|failed': '3',
      'market.tick|risk|bucket:0.7': '9',
      'market.tick|risk|other': '1',
      'no-separator': '1',
    });

    expect(rows).toEqual([
      expect.objectContaining({
        stream: 'market.tick',
        group: 'risk',
        failed: 3,
        buckets: BUCKET_LABELS.map(() => 0),
      }),
      expect.objectContaining({ stream: 'strategy.intent', group: 'engine', handled: 12, durationS: 1.5 }),
    ]);
    expect(rows[1]?.buckets[1]).toBe(10);
    expect(rows[1]?.buckets.at(-1)).toBe(2);
  });
});
