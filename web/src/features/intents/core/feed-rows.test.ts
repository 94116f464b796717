import type { StrategyIntentEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { feedRows } from './feed-rows';

const intent = (id: string, second: number): StrategyIntentEvent => ({
  intent_id: id,
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  intent_type: 'legacy_signal',
  action: 'buy',
  direction: 'buy',
  quantity: 0.05,
  confidence: 1,
  reason: 'grid_lower_reversal',
  timestamp: `2026-03-02T09:15:${String(second).padStart(2, '0')}.000Z`,
  metadata: {},
});

describe('feedRows', () => {
  it('merges server rows and live intents, newest first', () => {
    const recent = [{ intent: intent('a', 1), status: 'pending' as const }];
    const rows = feedRows(recent, { intents: [intent('b', 2)], statuses: { b: 'pending' } }, 10);
    expect(rows.map((r) => r.intent.intent_id)).toEqual(['b', 'a']);
  });

  describe('when a live decision is newer than the server row', () => {
    it('shows the live status', () => {
      const recent = [{ intent: intent('a', 1), status: 'pending' as const }];
      const rows = feedRows(recent, { intents: [], statuses: { a: 'vetoed' } }, 10);
      expect(rows[0]?.status).toBe('vetoed');
    });
  });

  it('keeps at most the limit', () => {
    const live = [intent('a', 1), intent('b', 2), intent('c', 3)];
    expect(feedRows(undefined, { intents: live, statuses: {} }, 2).map((r) => r.intent.intent_id)).toEqual([
      'c',
      'b',
    ]);
  });
});
