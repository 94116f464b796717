import { createPortfolioRisk } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { applyGreeks, createGreeksHistory, greeksHistory } from './greeks-history.ts';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s)).toISOString();

/** A history with 5 s buckets, 3 points per underlying, and a feed of entries numbered by their seq. */
function setup() {
  const state = createGreeksHistory({ spacingMs: 5000, maxPoints: 3 });
  let seq = 0;
  const feed = (s: number, overrides: Parameters<typeof createPortfolioRisk>[0] = {}) => {
    seq += 1;
    applyGreeks(state, {
      id: `1000-${seq}`,
      message: createPortfolioRisk({ timestamp: at(s), total_delta: s, ...overrides }),
    });
  };
  return { state, feed };
}

const deltas = (state: ReturnType<typeof createGreeksHistory>, underlying = 'BTC/USDT') =>
  greeksHistory(state, { underlying, limit: 100 }).series[0]?.points.map((p) => p.delta);

describe('greeksHistory', () => {
  it('keeps one point per time bucket, the newest event of it', () => {
    const { state, feed } = setup();
    feed(0);
    feed(1);
    feed(4);
    feed(5);
    expect(deltas(state)).toEqual([4, 5]);
    expect(greeksHistory(state, { limit: 10 }).series[0]?.points[0]).toEqual({
      at: at(4),
      delta: 4,
      gamma: 0,
      vega: 0,
      theta: 0,
    });
  });

  it('keeps the newest maxPoints per underlying', () => {
    const { state, feed } = setup();
    for (const s of [0, 5, 10, 15, 20]) feed(s);
    expect(deltas(state)).toEqual([10, 15, 20]);
  });

  describe('when an entry comes again (warm-up and tail overlap) or is stamped before the last point', () => {
    it('leaves it out', () => {
      const { state, feed } = setup();
      feed(10);
      applyGreeks(state, {
        id: '1000-1',
        message: createPortfolioRisk({ timestamp: at(20), total_delta: 99 }),
      });
      feed(3);
      expect(deltas(state)).toEqual([10]);
    });
  });

  it('keeps a series per underlying, sorted, the whole book last, and cuts each to the limit', () => {
    const { state, feed } = setup();
    feed(0, { underlying: null });
    feed(0, { underlying: 'ETH/USDT' });
    feed(0);
    feed(5);
    const all = greeksHistory(state, { limit: 1 });
    expect(all.spacing_s).toBe(5);
    expect(all.series.map((s) => [s.underlying, s.points.length])).toEqual([
      ['BTC/USDT', 1],
      ['ETH/USDT', 1],
      ['', 1],
    ]);
    expect(all.series[0]?.points[0]?.delta).toBe(5);
    expect(greeksHistory(state, { underlying: 'SOL/USDT', limit: 5 }).series).toEqual([]);
  });
});
