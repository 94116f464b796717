import { describe, expect, it } from 'vitest';
import { greekChart, limitLines, mergedPoints } from './greek-charts';

const point = (s: number, delta: number) => ({
  at: new Date(Date.UTC(2026, 2, 2, 9, 0, s)).toISOString(),
  delta,
  gamma: 0,
  vega: 0,
  theta: 0,
});
const LIMITS = { delta: 2, gamma: 0.0004, vega_usd: 5000, short_theta_usd: 2500 };
const OPTIONS = { spacingMs: 5000, maxPoints: 720 };

describe('mergedPoints', () => {
  it('adds the live points after the history, sampled per 5 s', () => {
    const merged = mergedPoints(
      [point(0, 1), point(5, 2)],
      [point(4, 9), point(6, 3), point(12, 4)],
      OPTIONS,
    );
    expect(merged.map((p) => p.delta)).toEqual([1, 3, 4]);
  });
});

describe('limitLines', () => {
  it('draws Δ at ± the limit and ± the alert level, θ only at the short-theta limit', () => {
    expect(limitLines('delta', LIMITS, 0.1).map((l) => [l.kind, l.value])).toEqual([
      ['limit', 2],
      ['limit', -2],
      ['alert', 0.1],
      ['alert', -0.1],
    ]);
    expect(limitLines('theta', LIMITS, 0.1).map((l) => l.value)).toEqual([-2500]);
    expect(limitLines('vega', { ...LIMITS, vega_usd: null }, null)).toEqual([]);
  });
});

describe('greekChart', () => {
  it('names the limits and reads the chart in words', () => {
    const chart = greekChart(
      { underlying: 'BTC/USDT', points: [point(0, 0.02), point(60, -0.01)], greek: 'delta' },
      { limits: LIMITS, deltaAlert: 0.1 },
    );
    expect(chart.limitsText).toBe('limit ±2.0000 · alert ±0.1000');
    expect(chart.summary).toBe(
      'BTC/USDT delta over 1m 00s: now -0.0100 coins, low -0.0100, high 0.0200; limit ±2.0000 · alert ±0.1000',
    );
  });

  it('says when there is no data yet or no limit', () => {
    const chart = greekChart(
      { underlying: 'ETH/USDT', points: [], greek: 'gamma' },
      { limits: { ...LIMITS, gamma: null }, deltaAlert: null },
    );
    expect(chart.summary).toBe('ETH/USDT gamma: no data yet; no limit set');
  });
});
