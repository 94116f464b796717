import { describe, expect, it } from 'vitest';
import { stricterState, TradingStateEventSchema } from './trading-state-event.ts';

const base = {
  state: 'HALTED',
  previous: 'ACTIVE',
  reason: 'exchange outage',
  changed_by: 'alice',
  timestamp: '2026-12-05T10:00:00Z',
};

describe('TradingStateEventSchema', () => {
  it('reads a global change with a null key', () => {
    const event = TradingStateEventSchema.parse({ ...base, scope: 'global' });
    expect(event.key).toBeNull();
    expect(event.timestamp).toBe('2026-12-05T10:00:00.000Z');
  });

  it('requires a key for a strategy or underlying scope, and none for global', () => {
    expect(TradingStateEventSchema.safeParse({ ...base, scope: 'underlying' }).success).toBe(false);
    expect(TradingStateEventSchema.safeParse({ ...base, scope: 'global', key: 'BTC' }).success).toBe(false);
    expect(TradingStateEventSchema.safeParse({ ...base, scope: 'underlying', key: 'BTC' }).success).toBe(
      true,
    );
  });

  it('refuses an empty reason and an unknown state', () => {
    expect(TradingStateEventSchema.safeParse({ ...base, scope: 'global', reason: '' }).success).toBe(false);
    expect(TradingStateEventSchema.safeParse({ ...base, scope: 'global', state: 'PAUSED' }).success).toBe(
      false,
    );
  });
});

describe('stricterState', () => {
  it('picks the stricter of two states in either order', () => {
    expect(stricterState('ACTIVE', 'REDUCING')).toBe('REDUCING');
    expect(stricterState('HALTED', 'REDUCING')).toBe('HALTED');
    expect(stricterState('ACTIVE', 'ACTIVE')).toBe('ACTIVE');
  });
});
