import { createTestSurface } from '@gamma/shared/testing';
import type { PositionUpdateEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { tradeClosedBy, utcDay } from './closed-trades.ts';
import { dataAges, type MarketView } from './market-view.ts';

const update = (quantity: number, realized: number | undefined): PositionUpdateEvent => ({
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  quantity,
  avg_price: quantity === 0 ? 0 : 100_000,
  unrealized_pnl: 0,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: realized === undefined ? {} : { realized_pnl: realized },
});

describe('tradeClosedBy', () => {
  it('closes a trade when an open position goes flat or through zero', () => {
    const close = { strategyId: 'grid_btc', symbol: 'BTC/USDT', realizedPnl: -12, atMs: 1_772_442_904_120 };
    expect(tradeClosedBy(update(0, -12), 0.5)).toEqual(close);
    expect(tradeClosedBy(update(-0.2, -12), 0.5)).toEqual(close);
  });

  it('closes nothing on an opening, an adding or a partly reducing fill, or without realized PnL', () => {
    expect(tradeClosedBy(update(0.5, 0), 0)).toBeNull();
    expect(tradeClosedBy(update(0.8, 0), 0.5)).toBeNull();
    expect(tradeClosedBy(update(0.2, -3), 0.5)).toBeNull();
    expect(tradeClosedBy(update(0, undefined), 0.5)).toBeNull();
  });
});

describe('utcDay', () => {
  it('keys a day by its UTC date', () => {
    expect(utcDay(Date.parse('2026-03-02T23:59:59.999Z'))).toBe('2026-03-02');
    expect(utcDay(Date.parse('2026-03-03T00:00:00.000Z'))).toBe('2026-03-03');
  });
});

describe('dataAges', () => {
  const NOW = Date.parse('2026-03-02T09:15:04.120Z');
  const market: MarketView = {
    mids: { 'BTC/USDT': 100_000, 'BTC/USDT:USDT': 100_010 },
    tickAtMs: { 'BTC/USDT': NOW - 3_000, 'BTC/USDT:USDT': NOW - 12_000 },
    surfaces: { 'BTC/USDT': createTestSurface({}, '2026-03-02T09:14:54.120Z') },
  };

  it('ages a spot or perpetual order by its own tick, without a surface', () => {
    expect(dataAges({ symbol: 'BTC/USDT:USDT', route: 'order' }, market, NOW)).toEqual({
      tickS: 12,
      surfaceS: null,
      needsSurface: false,
    });
    expect(dataAges({ symbol: 'ETH/USDT', route: 'order' }, market, NOW).tickS).toBeNull();
  });

  it('ages an option action or an option symbol by the underlying tick and surface', () => {
    const ages = { tickS: 3, surfaceS: 10, needsSurface: true };
    expect(dataAges({ symbol: 'BTC/USDT', route: 'execution' }, market, NOW)).toEqual(ages);
    expect(dataAges({ symbol: 'BTC-20260306-100000-C', route: 'order' }, market, NOW)).toEqual(ages);
  });
});
