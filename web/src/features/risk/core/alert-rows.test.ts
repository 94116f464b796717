import { describe, expect, it } from 'vitest';
import { alertTitle, repeatsText, statusText, unacknowledged } from './alert-rows';

describe('alert rows', () => {
  it('titles an alert by type, underlying and a strategy other than global', () => {
    expect(alertTitle({ alert_type: 'delta', underlying: 'BTC/USDT', strategy_id: 'global' })).toBe(
      'delta BTC/USDT',
    );
    expect(alertTitle({ alert_type: 'position_limit', underlying: null, strategy_id: 's1' })).toBe(
      'position limit s1',
    );
  });

  it('writes the status, the repeats and the count to acknowledge', () => {
    expect(statusText({ status: 'active', severity: 'critical' })).toBe('active · critical');
    expect(statusText({ status: 'cleared', severity: 'warning' })).toBe('cleared');
    expect([0, 1, 2].map(repeatsText)).toEqual([null, '1 repeat', '2 repeats']);
    const row = { status: 'active', ack: null } as const;
    const rows = [row, { ...row, ack: { by: 'a', at: 'x' } }, { ...row, status: 'cleared' }] as never[];
    expect(unacknowledged(rows)).toBe(1);
  });
});
