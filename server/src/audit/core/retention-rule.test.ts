import { describe, expect, it } from 'vitest';
import { batchEndMs, bucketStartMs, compactedStreams, compactionCutoffMs } from './retention-rule.ts';

const MIN = 60_000;
const T = Date.parse('2026-03-02T10:00:00.000Z');

describe('retention rule', () => {
  it('compacts ticks and portfolio risk by the minute and surfaces by five minutes, nothing else', () => {
    expect(compactedStreams()).toEqual([
      { stream: 'market.tick', bucketMs: MIN },
      { stream: 'market.vol_surface', bucketMs: 5 * MIN },
      { stream: 'portfolio.risk', bucketMs: MIN },
    ]);
  });

  it('cuts off at the start of the bucket holding now minus the raw window', () => {
    expect(compactionCutoffMs(T + 24 * 3_600_000 + 4 * MIN + 59_999, 24, 5 * MIN)).toBe(T);
    expect(compactionCutoffMs(T + 3_600_000 + 30_000, 1, MIN)).toBe(T);
    expect(bucketStartMs(T + 299_999, 5 * MIN)).toBe(T);
  });

  it('ends a batch on a bucket boundary, at least one bucket on, never past the cutoff', () => {
    expect(batchEndMs(T, T + 3 * MIN + 10_000, { bucketMs: MIN, cutoffMs: T + 10 * MIN })).toBe(T + 3 * MIN);
    expect(batchEndMs(T, T + 20_000, { bucketMs: MIN, cutoffMs: T + 10 * MIN })).toBe(T + MIN);
    expect(batchEndMs(T, T + 30 * MIN, { bucketMs: MIN, cutoffMs: T + 10 * MIN })).toBe(T + 10 * MIN);
    expect(batchEndMs(T, null, { bucketMs: MIN, cutoffMs: T + 10 * MIN })).toBe(T + 10 * MIN);
  });
});
