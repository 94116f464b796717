import type { PortfolioRiskEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { greeksRows } from './greeks-rows';

const risk = (over: Partial<PortfolioRiskEvent>): PortfolioRiskEvent => ({
  total_delta: 0,
  total_gamma: 0,
  total_vega: 0,
  total_theta: 0,
  total_rho: 0,
  position_ratio: null,
  leverage: 0,
  underlying: 'BTC/USDT',
  timestamp: '2026-03-02T09:00:00.000Z',
  metadata: {},
  ...over,
});

describe('greeksRows', () => {
  it('overlays live events on the snapshot, newest per underlying, sorted by name', () => {
    const snapshot = [
      { event: risk({ underlying: 'ETH/USDT', total_delta: 1 }) },
      { event: risk({ underlying: 'BTC/USDT', total_delta: 2 }) },
    ];
    const live = { 'BTC/USDT': risk({ total_delta: 3, timestamp: '2026-03-02T09:00:01.000Z' }) };
    const rows = greeksRows(snapshot, live);
    expect(rows.map((r) => [r.underlying, r.total_delta])).toEqual([
      ['BTC/USDT', 3],
      ['ETH/USDT', 1],
    ]);
  });

  describe('when a live event is older than the snapshot', () => {
    it('keeps the snapshot', () => {
      const snapshot = [{ event: risk({ total_delta: 2, timestamp: '2026-03-02T09:00:05.000Z' }) }];
      const live = { 'BTC/USDT': risk({ total_delta: 9, timestamp: '2026-03-02T09:00:01.000Z' }) };
      expect(greeksRows(snapshot, live)[0]?.total_delta).toBe(2);
    });
  });
});
