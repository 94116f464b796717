import { describe, expect, it } from 'vitest';
import { orderRow, rejectedRow } from './fixtures';
import { ordersSummary } from './orders-summary';

describe('ordersSummary', () => {
  it('counts by status and sums fees and measured slippage', () => {
    const rows = [
      orderRow(),
      orderRow({ slippage_usd: -4, fees: 5 }),
      rejectedRow(),
      rejectedRow({ status: 'sent', reason_code: null }),
    ];
    expect(ordersSummary(rows)).toEqual({
      orders: 4,
      filled: 2,
      rejected: 1,
      sent: 1,
      fees: 20,
      slippageUsd: 20,
    });
  });

  it('has no slippage when none was measured', () => {
    expect(ordersSummary([rejectedRow()]).slippageUsd).toBeNull();
    expect(ordersSummary([]).orders).toBe(0);
  });
});
