import { DailyBarSchema } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { dailyHistory, type DailyHistoryInput } from './daily-history.ts';

const END = Date.parse('2026-03-02T09:15:00Z');
const base: DailyHistoryInput = {
  underlying: 'BTC/USDT',
  seed: 42,
  endMs: END,
  endPrice: 100_000,
  days: 60,
  annualVol: 0.55,
  dailyVolume: 20_000,
  shape: 'breakdown',
};

describe('dailyHistory', () => {
  it('gives one valid bar per UTC day before the end day, oldest first', () => {
    const bars = dailyHistory(base);
    expect(bars).toHaveLength(60);
    expect(bars[0]?.open_time).toBe('2026-01-01T00:00:00.000Z');
    expect(bars.at(-1)?.open_time).toBe('2026-03-01T00:00:00.000Z');
    for (const bar of bars) expect(DailyBarSchema.safeParse(bar).success).toBe(true);
    // Crypto trades round the clock: each day opens where the last one closed
    for (let i = 1; i < bars.length; i += 1) expect(bars[i]?.open).toBeCloseTo(bars[i - 1]?.close ?? 0, 6);
  });

  it('is reproducible from its seed and differs with another seed or symbol', () => {
    expect(dailyHistory(base)).toEqual(dailyHistory(base));
    expect(dailyHistory({ ...base, seed: 7 })).not.toEqual(dailyHistory(base));
    expect(dailyHistory({ ...base, underlying: 'ETH/USDT' })[0]?.close).not.toBe(
      dailyHistory(base)[0]?.close,
    );
  });

  it('breakdown: a fall into the end, every day’s low at least 0.2 % above the end price', () => {
    const bars = dailyHistory(base);
    for (const bar of bars)
      expect(bar.low).toBeGreaterThanOrEqual(base.endPrice * Math.exp(0.002) * (1 - 1e-12));
    const lowest = Math.min(...bars.map((b) => b.low));
    // Just under, not far under: the lowest low is within a few % of the end price
    expect(lowest / base.endPrice).toBeLessThan(1.02);
    expect(bars[0]?.open).toBeGreaterThan(bars.at(-1)?.close ?? Infinity);
    // Yesterday closed near today's price: no crash inside the running day
    expect((bars.at(-1)?.close ?? 0) / base.endPrice).toBeLessThan(1.05);
  });

  it('walk: the last close is the end price and the prices stay plausible (daily moves of a few %)', () => {
    const bars = dailyHistory({ ...base, shape: 'walk' });
    expect(bars.at(-1)?.close).toBeCloseTo(100_000, 6);
    const moves = bars.map((b) => Math.abs(Math.log(b.close / b.open)));
    expect(Math.max(...moves)).toBeLessThan(0.15);
    expect(Math.min(...bars.map((b) => b.low))).toBeGreaterThan(30_000);
  });

  it('is empty for 0 days', () => {
    expect(dailyHistory({ ...base, days: 0 })).toEqual([]);
  });
});
