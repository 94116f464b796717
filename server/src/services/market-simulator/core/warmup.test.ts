import { MarketTickEventSchema } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { MarketSimulatorConfigSchema, marketParams, underlyingParams } from '../config.ts';
import type { TickMessage } from './ticks.ts';
import type { UnderlyingState } from './underlying-state.ts';
import { warmupHistory, warmupTimes, type WarmupInput } from './warmup.ts';

const config = MarketSimulatorConfigSchema.parse({});
const btc = underlyingParams(config, 'BTC/USDT');
const eth = underlyingParams(config, 'ETH/USDT');
const END = Date.parse('2026-03-02T09:15:00Z');
const base: WarmupInput = {
  params: [btc, eth],
  market: marketParams(config),
  seed: 42,
  endMs: END,
  minutes: 60,
  intervalMs: 1000,
  stepsPerBatch: 100,
};

function collect(input: WarmupInput): { batches: TickMessage[][]; states: UnderlyingState[] } {
  const history = warmupHistory(input);
  const batches: TickMessage[][] = [];
  for (;;) {
    const next = history.next();
    if (next.done) return { batches, states: next.value };
    batches.push(next.value);
  }
}

describe('warmupTimes', () => {
  it('spaces the times by the interval, the last one an interval before the end', () => {
    expect(warmupTimes(END, 1, 15_000)).toEqual([END - 60_000, END - 45_000, END - 30_000, END - 15_000]);
  });

  it('is empty when the warm-up is disabled', () => {
    expect(warmupTimes(END, 0, 1000)).toEqual([]);
  });
});

describe('warmupHistory', () => {
  it('covers the window with a spot and a perpetual tick per underlying at each step', () => {
    const ticks = collect(base).batches.flat();
    expect(ticks).toHaveLength(3600 * 4);
    expect(ticks.slice(0, 4).map((t) => t.symbol)).toEqual([
      'BTC/USDT',
      'BTC/USDT:USDT',
      'ETH/USDT',
      'ETH/USDT:USDT',
    ]);
    expect(ticks[0]?.timestamp).toBe('2026-03-02T08:15:00.000Z');
    expect(ticks[0]?.price).toBe(100_000);
  });

  it('yields ticks in time order, ending an interval before the end, that pass the schema', () => {
    const ticks = collect(base).batches.flat();
    const times = ticks.map((t) => Date.parse(t.timestamp));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expect(ticks.at(-1)?.timestamp).toBe('2026-03-02T09:14:59.000Z');
    expect(ticks.every((t) => MarketTickEventSchema.safeParse(t).success)).toBe(true);
  });

  it('returns each underlying state advanced to the end, continuing the history', () => {
    const { batches, states } = collect(base);
    const lastBtc = batches.flat().findLast((t) => t.symbol === 'BTC/USDT');
    expect(states.map((s) => s.lastMs)).toEqual([END, END]);
    expect(Math.abs(Math.log((states[0]?.path.spot ?? 0) / (lastBtc?.price ?? 1)))).toBeLessThan(0.01);
    expect(states[0]?.path.spot).not.toBe(100_000);
  });

  it('yields batches of the requested number of steps', () => {
    const sizes = collect({ ...base, minutes: 1, intervalMs: 7000 }).batches.map((b) => b.length);
    // 9 steps of 4 ticks in batches of at most 100 steps
    expect(sizes).toEqual([36]);
    const small = collect({ ...base, minutes: 1, intervalMs: 7000, stepsPerBatch: 4 }).batches;
    expect(small.map((b) => b.length)).toEqual([16, 16, 4]);
  });

  it('is reproducible from the seed and differs with another seed', () => {
    const prices = (seed: number) =>
      collect({ ...base, seed, minutes: 10 })
        .batches.flat()
        .map((t) => t.price);
    expect(prices(42)).toEqual(prices(42));
    expect(prices(43)).not.toEqual(prices(42));
  });

  describe('when the warm-up is disabled', () => {
    it('yields nothing and returns the start state at the end time', () => {
      const { batches, states } = collect({ ...base, minutes: 0 });
      expect(batches).toEqual([]);
      expect(states.map((s) => [s.lastMs, s.path.spot])).toEqual([
        [END, 100_000],
        [END, 3_500],
      ]);
    });
  });
});
