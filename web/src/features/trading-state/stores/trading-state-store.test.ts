import { beforeEach, describe, expect, it } from 'vitest';
import { useTradingStateStore } from './trading-state-store';

const event = (state: 'ACTIVE' | 'HALTED') => ({
  scope: 'global' as const,
  key: null,
  state,
  previous: state === 'HALTED' ? ('ACTIVE' as const) : ('HALTED' as const),
  reason: 'r',
  changed_by: 'alice',
  timestamp: '2026-12-05T17:00:00.000Z',
  metadata: {},
});

describe('the trading-state store', () => {
  beforeEach(() => useTradingStateStore.setState({ byField: {}, cursors: {} }));

  it('keeps the newest change per scope and applies each entry id once', () => {
    const { receive } = useTradingStateStore.getState();
    receive(event('HALTED'), '5-0');
    receive(event('ACTIVE'), '6-0');
    receive(event('HALTED'), '6-0');
    receive(event('HALTED'), '4-0');
    expect(useTradingStateStore.getState().byField.global?.state).toBe('ACTIVE');
  });
});
