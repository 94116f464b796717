import { MarketTickEventSchema, type MarketTickEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { MarketSimulatorConfigSchema, marketParams, underlyingParams } from '../config.ts';
import { lastMarketOf, resumeUnderlying, varianceFromTicks } from './continuity.ts';
import { advanceUnderlying, initUnderlying, ticksOf, type UnderlyingState } from './underlying-state.ts';

const config = MarketSimulatorConfigSchema.parse({});
const btc = underlyingParams(config, 'BTC/USDT');
const market = marketParams(config);
const T0 = Date.parse('2026-03-02T09:00:00Z');

const tick = (overrides: Partial<MarketTickEvent>): MarketTickEvent => ({
  symbol: 'BTC/USDT',
  price: 90_000,
  volume: 20_000,
  bid: null,
  ask: null,
  timestamp: new Date(T0).toISOString(),
  metadata: {},
  ...overrides,
});

/** Ticks of a simulated BTC path, one a second for `seconds` from T0, newest first as `bus.latest` gives them. */
function simulatedTicks(seconds: number, variance: number): MarketTickEvent[] {
  let s: UnderlyingState = initUnderlying(btc, 7, T0);
  s = { ...s, path: { ...s.path, variance } };
  const out: MarketTickEvent[] = [];
  for (let i = 1; i <= seconds; i += 1) {
    s = advanceUnderlying(s, btc, T0 + i * 1000);
    for (const t of ticksOf(s, btc, market)) out.push(MarketTickEventSchema.parse(t));
  }
  return out.reverse();
}

describe('lastMarketOf', () => {
  it('finds the newest spot and perpetual tick of the underlying and its spot ticks oldest first', () => {
    const newestFirst = [
      tick({ symbol: 'ETH/USDT', price: 3000 }),
      tick({ symbol: 'BTC/USDT:USDT', price: 90_050 }),
      tick({ price: 90_000 }),
      tick({ symbol: 'BTC/USDT:USDT', price: 89_000 }),
      tick({ price: 89_900 }),
    ];
    const last = lastMarketOf(newestFirst, btc);
    expect(last?.spot.price).toBe(90_000);
    expect(last?.perp?.price).toBe(90_050);
    expect(last?.recentSpots.map((t) => t.price)).toEqual([89_900, 90_000]);
  });

  it('is null when the underlying has no spot tick', () => {
    expect(lastMarketOf([tick({ symbol: 'ETH/USDT' }), tick({ symbol: 'BTC/USDT:USDT' })], btc)).toBeNull();
  });
});

describe('varianceFromTicks', () => {
  it('is the long-run variance without usable returns', () => {
    expect(varianceFromTicks([], btc.path)).toBe(btc.path.longRunVariance);
    const gap = [tick({}), tick({ price: 95_000, timestamp: new Date(T0 + 3_600_000).toISOString() })];
    expect(varianceFromTicks(gap, btc.path)).toBe(btc.path.longRunVariance);
  });

  it('follows the variance the ticks were simulated with', () => {
    const theta = btc.path.longRunVariance;
    const spots = (variance: number) =>
      simulatedTicks(600, variance)
        .filter((t) => t.symbol === 'BTC/USDT')
        .reverse();
    const calm = varianceFromTicks(spots(theta / 3), btc.path);
    const wild = varianceFromTicks(spots(theta * 2.5), btc.path);
    expect(calm).toBeLessThan(theta * 0.6);
    expect(wild).toBeGreaterThan(theta * 1.5);
  });

  it('stays within 1/16 and 4 times the long-run variance', () => {
    const crash = [tick({}), tick({ price: 45_000, timestamp: new Date(T0 + 1000).toISOString() })];
    expect(varianceFromTicks(crash, btc.path)).toBe(4 * btc.path.longRunVariance);
  });
});

describe('resumeUnderlying', () => {
  const now = T0 + 30_000;
  const spot = tick({
    price: 91_234,
    volume: 21_000,
    metadata: { open: 92_000, high: 93_000, low: 90_500 },
  });
  const perp = tick({ symbol: 'BTC/USDT:USDT', price: 91_234 * 1.001, volume: 60_000 });
  const last = { spot, perp, recentSpots: [spot] };

  it('continues from the last spot price at the start time, not from the start price', () => {
    const s = resumeUnderlying(btc, last, { seed: 42, nowMs: now });
    expect(s.path.spot).toBe(91_234);
    expect(s.lastMs).toBe(now);
    const [spotTick] = ticksOf(s, btc, market);
    expect(spotTick.price).toBe(91_234);
    expect(spotTick.timestamp).toBe(new Date(now).toISOString());
  });

  it('keeps the perpetual basis, the day statistics and the 24 h volumes of the last ticks', () => {
    const s = resumeUnderlying(btc, last, { seed: 42, nowMs: now });
    expect(s.basis).toBeCloseTo(0.001, 12);
    expect(s.spotDay).toEqual({ day: '2026-03-02', open: 92_000, high: 93_000, low: 90_500 });
    expect(s.spotVolume).toBe(21_000);
    expect(s.perpVolume).toBe(60_000);
  });

  describe('when the last tick is of an earlier UTC day', () => {
    it('opens a new day at the last price', () => {
      const s = resumeUnderlying(btc, last, { seed: 42, nowMs: Date.parse('2026-03-03T01:00:00Z') });
      expect(s.spotDay).toEqual({ day: '2026-03-03', open: 91_234, high: 91_234, low: 91_234 });
    });
  });

  describe('when there is no perpetual tick', () => {
    it('starts the basis at its mean', () => {
      const s = resumeUnderlying(btc, { ...last, perp: null }, { seed: 42, nowMs: now });
      expect(s.basis).toBe(btc.basis.mean);
    });
  });

  it('draws reproducibly from the seed and the last tick, not the fresh-start draws', () => {
    const path = (seed: number, at: MarketTickEvent) => {
      let s = resumeUnderlying(btc, { ...last, spot: at, recentSpots: [at] }, { seed, nowMs: now });
      for (let i = 1; i <= 10; i += 1) s = advanceUnderlying(s, btc, now + i * 1000);
      return s.path.spot;
    };
    const later = { ...spot, timestamp: new Date(T0 + 1000).toISOString() };
    expect(path(42, spot)).toBe(path(42, spot));
    expect(path(42, later)).not.toBe(path(42, spot));
    expect(path(43, spot)).not.toBe(path(42, spot));
  });
});
