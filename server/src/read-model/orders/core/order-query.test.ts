import { describe, expect, it } from 'vitest';
import { listOrders, type OrderFilter } from './order-query.ts';
import type { OrderRow } from './order-rows.ts';

const row = (over: Partial<OrderRow>): OrderRow => ({
  entry_id: '1-0',
  timestamp: '2026-03-02T09:15:00.000Z',
  intent_id: 'i',
  action: 'buy_straddle',
  client_order_id: 'i-0',
  strategy_id: 'pq_vol_trader_btc',
  symbol: 'BTC-20260327-100000-C',
  underlying: 'BTC/USDT',
  side: 'buy',
  order_type: 'limit',
  quantity: 0.1,
  limit_price: 100,
  mark: 99,
  status: 'filled',
  reason_code: null,
  reason: null,
  filled_quantity: 0.1,
  avg_fill_price: 100,
  fees: 0.1,
  slippage_usd: 0.1,
  slippage_bps: 101,
  fills: [],
  ...over,
});

const rows = [
  row({ entry_id: '4-0', timestamp: '2026-03-02T09:18:00.000Z', status: 'sent' }),
  row({ entry_id: '3-0', timestamp: '2026-03-02T09:17:00.000Z', strategy_id: 'delta_hedger' }),
  row({ entry_id: '2-0', timestamp: '2026-03-02T09:16:00.000Z', underlying: 'ETH/USDT' }),
  row({ entry_id: '1-0', timestamp: '2026-03-02T09:15:00.000Z', status: 'rejected' }),
];
const ids = (filter: Partial<OrderFilter>) =>
  listOrders(rows, { limit: 100, ...filter }).orders.map((r) => r.entry_id);

describe('listOrders', () => {
  it('keeps every order without a filter, newest first, with the strategies and underlyings on offer', () => {
    expect(listOrders(rows, { limit: 100 })).toMatchObject({
      total: 4,
      strategies: ['delta_hedger', 'pq_vol_trader_btc'],
      underlyings: ['BTC/USDT', 'ETH/USDT'],
    });
    expect(ids({})).toEqual(['4-0', '3-0', '2-0', '1-0']);
  });

  it('narrows by strategy, underlying and status, combined', () => {
    expect(ids({ strategy: 'delta_hedger' })).toEqual(['3-0']);
    expect(ids({ underlying: 'ETH/USDT' })).toEqual(['2-0']);
    expect(ids({ status: 'rejected' })).toEqual(['1-0']);
    expect(ids({ underlying: 'BTC/USDT', status: 'filled' })).toEqual(['3-0']);
  });

  it('narrows by time: from inclusive, to exclusive', () => {
    expect(ids({ from: '2026-03-02T09:16:00.000Z', to: '2026-03-02T09:18:00.000Z' })).toEqual(['3-0', '2-0']);
  });

  it('cuts at the limit and still counts every match', () => {
    const list = listOrders(rows, { limit: 2, underlying: 'BTC/USDT' });
    expect(list.orders.map((r) => r.entry_id)).toEqual(['4-0', '3-0']);
    expect(list.total).toBe(3);
  });
});
