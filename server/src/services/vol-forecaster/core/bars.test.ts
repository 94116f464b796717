import { describe, expect, it } from 'vitest';
import { addTick, emptyBars, type BarRules, type BarState } from './bars.ts';

const rules: BarRules = { barMs: 5000, maxGapBars: 12, maxReturns: 4 };
const T0 = Date.parse('2026-03-02T09:00:00Z');

function feed(ticks: [number, number][], state: BarState = emptyBars): BarState {
  return ticks.reduce((s, [ms, price]) => addTick(s, rules, { price, ms }).state, state);
}

describe('addTick', () => {
  it('takes the last price of each bar as its close and adds a log return per completed bar', () => {
    const s = feed([
      [T0, 100],
      [T0 + 4000, 101],
      [T0 + 5000, 102],
      [T0 + 9000, 103],
      [T0 + 10_000, 104],
      [T0 + 15_000, 105],
    ]);
    expect(s.returns).toHaveLength(2);
    expect(s.returns[0]).toBeCloseTo(Math.log(103 / 101), 12);
    expect(s.returns[1]).toBeCloseTo(Math.log(104 / 103), 12);
  });

  describe('when bars are skipped', () => {
    it('scales the return over the gap to one bar', () => {
      const s = feed([
        [T0, 100],
        [T0 + 5000, 101],
        [T0 + 25_000, 110],
        [T0 + 30_000, 111],
      ]);
      expect(s.returns.at(-1)).toBeCloseTo(Math.log(110 / 101) / 2, 12);
    });
  });

  describe('when the gap is longer than allowed', () => {
    it('restarts without a return across the gap', () => {
      const s = feed([
        [T0, 100],
        [T0 + 5000, 101],
        [T0 + 600_000, 150],
        [T0 + 605_000, 151],
      ]);
      expect(s.returns).toHaveLength(1);
    });
  });

  describe('when a tick is older than the bar being built', () => {
    it('reports it stale and changes nothing', () => {
      const s = feed([
        [T0, 100],
        [T0 + 5000, 101],
      ]);
      const result = addTick(s, rules, { price: 90, ms: T0 });
      expect(result.outcome).toBe('stale');
      expect(result.state).toBe(s);
    });
  });

  it('keeps only the newest returns', () => {
    const ticks: [number, number][] = Array.from({ length: 10 }, (_, i) => [T0 + i * 5000, 100 + i]);
    const s = feed(ticks);
    expect(s.returns).toHaveLength(4);
    // Ten bars: nine completed, eight returns between them
    expect(s.total).toBe(8);
  });

  describe('OHLC bars', () => {
    it('takes the first tick as open, the extremes as high and low and the last tick as close', () => {
      const s = feed([
        [T0, 100],
        [T0 + 1000, 103],
        [T0 + 2000, 98],
        [T0 + 3000, 101],
        [T0 + 5000, 101.5],
      ]);
      expect(s.ohlc).toEqual([{ index: T0 / 5000, open: 100, high: 103, low: 98, close: 101, ticks: 4 }]);
      expect(s.current).toMatchObject({ open: 101.5, high: 101.5, low: 101.5, close: 101.5, ticks: 1 });
    });

    describe('when a bar has a single tick', () => {
      it('has open = high = low = close and one tick', () => {
        const s = feed([
          [T0, 100],
          [T0 + 5000, 102],
        ]);
        expect(s.ohlc).toEqual([{ index: T0 / 5000, open: 100, high: 100, low: 100, close: 100, ticks: 1 }]);
      });
    });

    describe('when bars without ticks are skipped', () => {
      it('builds no bar for them and keeps the bars either side', () => {
        const s = feed([
          [T0, 100],
          [T0 + 1000, 101],
          [T0 + 20_000, 105],
          [T0 + 21_000, 104],
          [T0 + 25_000, 104],
        ]);
        expect(s.ohlc.map((b) => b.index - T0 / 5000)).toEqual([0, 4]);
        expect(s.ohlc[1]).toMatchObject({ open: 105, high: 105, low: 104, close: 104, ticks: 2 });
      });
    });

    describe('when the gap is longer than allowed', () => {
      it('keeps the OHLC bars from before the gap', () => {
        const s = feed([
          [T0, 100],
          [T0 + 1000, 99],
          [T0 + 600_000, 150],
          [T0 + 605_000, 151],
        ]);
        expect(s.ohlc.map((b) => [b.open, b.high, b.low, b.close])).toEqual([
          [100, 100, 99, 99],
          [150, 150, 150, 150],
        ]);
        expect(s.returns).toHaveLength(0);
      });
    });

    describe('when a tick is repeated', () => {
      it('leaves open, high, low and close as they were', () => {
        const once = feed([
          [T0, 100],
          [T0 + 1000, 102],
        ]);
        const twice = addTick(once, rules, { price: 102, ms: T0 + 1000 }).state;
        expect(twice.current).toEqual({ ...once.current, ticks: 3 });
      });
    });

    it('keeps only the newest bars', () => {
      const ticks: [number, number][] = Array.from({ length: 10 }, (_, i) => [T0 + i * 5000, 100 + i]);
      expect(feed(ticks).ohlc.map((b) => b.close)).toEqual([105, 106, 107, 108]);
    });
  });

  it('rejects a non-positive price', () => {
    expect(() => addTick(emptyBars, rules, { price: 0, ms: T0 })).toThrow(RangeError);
  });
});
