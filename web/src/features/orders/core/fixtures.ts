import type { OrderRow } from '../api/use-orders';

/** A filled call leg of a bought straddle (test data). */
export const orderRow = (over: Partial<OrderRow> = {}): OrderRow => ({
  entry_id: '1772442906000-0',
  timestamp: '2026-03-02T09:15:06.000Z',
  intent_id: 'i-1',
  action: 'buy_straddle',
  client_order_id: 'i-1-0',
  strategy_id: 'pq_vol_trader_btc',
  symbol: 'BTC-20260327-100000-C',
  underlying: 'BTC/USDT',
  side: 'buy',
  order_type: 'limit',
  quantity: 0.5,
  limit_price: 4896,
  mark: 4800,
  status: 'filled',
  reason_code: null,
  reason: null,
  filled_quantity: 0.5,
  avg_fill_price: 4848,
  fees: 15,
  slippage_usd: 24,
  slippage_bps: 100,
  fills: [
    {
      entry_id: '1772442906010-0',
      timestamp: '2026-03-02T09:15:06.010Z',
      quantity: 0.5,
      price: 4848,
      fee: 15,
      slippage_usd: 24,
      slippage_bps: 100,
    },
  ],
  ...over,
});

/** The same straddle's put leg, rejected by the exchange (test data). */
export const rejectedRow = (over: Partial<OrderRow> = {}): OrderRow =>
  orderRow({
    entry_id: '1772442906000-1',
    client_order_id: 'i-1-1',
    symbol: 'BTC-20260327-100000-P',
    status: 'rejected',
    reason_code: 'LIMIT_NOT_MARKETABLE',
    reason: 'limit buy at 4896 not marketable against ask 4990',
    filled_quantity: 0,
    avg_fill_price: null,
    fees: 0,
    slippage_usd: null,
    slippage_bps: null,
    fills: [],
    ...over,
  });
