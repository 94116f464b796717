import { MarketTickEventSchema } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { MarketSimulatorConfigSchema, marketParams, underlyingParams } from '../config.ts';
import {
  advanceUnderlying,
  hourReturnOf,
  initUnderlying,
  sentimentOf,
  ticksOf,
  type UnderlyingState,
} from './underlying-state.ts';

const config = MarketSimulatorConfigSchema.parse({});
const btc = underlyingParams(config, 'BTC/USDT');
const market = marketParams(config);
const T0 = Date.parse('2026-03-02T23:59:00Z');

function run(seed: number, seconds: number): UnderlyingState[] {
  let s = initUnderlying(btc, seed, T0);
  const out = [s];
  for (let i = 1; i <= seconds; i += 1) {
    s = advanceUnderlying(s, btc, T0 + i * 1000);
    out.push(s);
  }
  return out;
}

describe('initUnderlying', () => {
  it('starts BTC at 100 000 and ETH at 3 500', () => {
    expect(initUnderlying(btc, 42, T0).path.spot).toBe(100_000);
    expect(initUnderlying(underlyingParams(config, 'ETH/USDT'), 42, T0).path.spot).toBe(3_500);
  });

  it('gives another underlying a sensible start and strike steps', () => {
    const sol = underlyingParams(config, 'SOL/USDT');
    expect(sol.startPrice).toBe(150);
    expect(sol.strikeSteps).toEqual([2, 5, 10]);
    expect(underlyingParams(config, 'FOO/USDT').startPrice).toBe(100);
  });
});

describe('advanceUnderlying', () => {
  it('reproduces the same path for the same seed', () => {
    expect(run(42, 300).map((s) => s.path.spot)).toEqual(run(42, 300).map((s) => s.path.spot));
  });

  it('gives each seed its own path', () => {
    expect(run(42, 60).at(-1)?.path.spot).not.toBe(run(7, 60).at(-1)?.path.spot);
  });

  it('opens a new UTC day at the first price after midnight', () => {
    const path = run(42, 120);
    const after = path.at(-1);
    expect(after?.spotDay.day).toBe('2026-03-03');
    // path[60] is the state at 00:00:00, the first of the new day
    expect(after?.spotDay.open).toBe(path[60]?.path.spot);
  });

  it('keeps about an hour of minute closes however long it runs', () => {
    // The one per-tick history in the state: it must not grow with the run (soak of issue 12)
    let s = initUnderlying(btc, 42, T0);
    const sizes: number[] = [];
    for (let i = 1; i <= 4 * 360; i += 1) {
      s = advanceUnderlying(s, btc, T0 + i * 10_000);
      if (i % 360 === 0) sizes.push(s.minuteCloses.length);
    }
    const minute = Math.floor(s.lastMs / 60_000);
    // Full after the first hour, then the same size every hour
    expect(sizes.slice(2)).toEqual([sizes[1], sizes[1]]);
    expect(s.minuteCloses.length).toBeLessThanOrEqual(63);
    expect(s.minuteCloses[0]?.minute).toBeGreaterThanOrEqual(minute - 61);
  });

  describe('when time does not move forward', () => {
    it('leaves the state unchanged', () => {
      const s = initUnderlying(btc, 42, T0);
      expect(advanceUnderlying(s, btc, T0)).toBe(s);
    });
  });
});

describe('ticksOf', () => {
  const s = run(42, 30).at(-1) ?? initUnderlying(btc, 42, T0);
  const [spot, perp] = ticksOf(s, btc, market).map((t) => MarketTickEventSchema.parse(t));

  it('quotes bid and ask SIM_SPREAD_BPS apart around the price', () => {
    expect(spot?.symbol).toBe('BTC/USDT');
    expect(((spot?.ask ?? 0) - (spot?.bid ?? 0)) / (spot?.price ?? 1)).toBeCloseTo(2 / 10_000, 12);
  });

  it('prices the perpetual at spot × (1 + basis) with mark, index and funding', () => {
    expect(perp?.symbol).toBe('BTC/USDT:USDT');
    expect(perp?.price).toBeCloseTo((spot?.price ?? 0) * (1 + s.basis), 6);
    expect(perp?.metadata).toMatchObject({ mark_price: perp?.price, index_price: spot?.price });
    expect(typeof perp?.metadata.funding_rate).toBe('number');
  });

  it('carries the running day in the metadata', () => {
    const m = spot?.metadata ?? {};
    expect(m).toMatchObject({
      open: s.spotDay.open,
      high: s.spotDay.high,
      low: s.spotDay.low,
      close: spot?.price,
    });
    expect(m.percentage).toBeCloseTo((((spot?.price ?? 0) - s.spotDay.open) / s.spotDay.open) * 100, 9);
  });
});

describe('sentimentOf', () => {
  it('stays within −1…1', () => {
    for (const s of run(3, 600)) {
      expect(Math.abs(sentimentOf(s, btc))).toBeLessThanOrEqual(1);
    }
  });

  describe('when the last hour rallied', () => {
    it('leans positive', () => {
      const s = initUnderlying(btc, 42, T0);
      const rallied: UnderlyingState = { ...s, path: { ...s.path, spot: s.path.spot * 1.05 } };
      expect(hourReturnOf(rallied)).toBeCloseTo(Math.log(1.05), 12);
      expect(sentimentOf(rallied, btc)).toBeGreaterThan(0.5);
    });
  });
});
