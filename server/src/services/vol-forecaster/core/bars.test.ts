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

  it('rejects a non-positive price', () => {
    expect(() => addTick(emptyBars, rules, { price: 0, ms: T0 })).toThrow(RangeError);
  });
});
