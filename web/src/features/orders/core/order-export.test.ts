import { describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/csv';
import { orderRow, rejectedRow } from './fixtures';
import { ORDER_CSV_COLUMNS, ordersCsvName } from './order-export';

describe('the orders CSV', () => {
  it('has one line per order, full precision, ISO UTC times, empty cells for unknowns', () => {
    const [header, filled, rejected] = toCsv(ORDER_CSV_COLUMNS, [orderRow(), rejectedRow()]).split('\r\n');
    expect(header).toBe(
      'time,strategy,underlying,symbol,side,order_type,quantity,limit_price,mark,status,reason_code,' +
        'filled_quantity,fill_price,fee,slippage_usd,slippage_bps,fills,action,intent_id,client_order_id',
    );
    expect(filled).toBe(
      '2026-03-02T09:15:06.000Z,pq_vol_trader_btc,BTC/USDT,BTC-20260327-100000-C,buy,limit,0.5,4896,4800,' +
        'filled,,0.5,4848,15,24,100,1,buy_straddle,i-1,i-1-0',
    );
    expect(rejected).toBe(
      '2026-03-02T09:15:06.000Z,pq_vol_trader_btc,BTC/USDT,BTC-20260327-100000-P,buy,limit,0.5,4896,4800,' +
        'rejected,LIMIT_NOT_MARKETABLE,0,,0,,,0,buy_straddle,i-1,i-1-1',
    );
  });

  it('is named after the UTC time of the export', () => {
    expect(ordersCsvName(Date.parse('2026-03-02T09:15:06.789Z'))).toBe('orders-2026-03-02T091506Z.csv');
  });
});
