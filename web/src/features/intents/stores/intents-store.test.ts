import type { OrderFillEvent, StrategyIntentEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import {
  applyDecisionToIntents,
  applyFill,
  applyIntent,
  EMPTY_INTENTS_STATE,
  useIntentsStore,
} from './intents-store';

const intent = (over: Partial<StrategyIntentEvent> = {}): StrategyIntentEvent => ({
  intent_id: 'i1',
  strategy_id: 'pq_vol_trader_btc',
  symbol: 'BTC/USDT',
  intent_type: 'increase_long_gamma',
  action: 'buy_straddle',
  direction: 'buy',
  quantity: 0.1,
  confidence: 0.7,
  reason: 'market_underpricing_volatility',
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
  ...over,
});

const fill = (leg: string) => ({
  intent_id: 'i1',
  client_order_id: `i1-${leg}`,
  order_id: `paper-i1-${leg}`,
});

describe('applyIntent', () => {
  it('puts the newest intent first', () => {
    let state = applyIntent(EMPTY_INTENTS_STATE, intent({ intent_id: 'a' }));
    state = applyIntent(state, intent({ intent_id: 'b' }));
    expect(state.live.map((i) => i.intent_id)).toEqual(['b', 'a']);
  });

  it('ignores a repeated intent', () => {
    const once = applyIntent(EMPTY_INTENTS_STATE, intent());
    expect(applyIntent(once, intent())).toBe(once);
  });

  it('gives a hold the status hold', () => {
    const state = applyIntent(
      EMPTY_INTENTS_STATE,
      intent({ action: 'hold', intent_type: 'hold', direction: null }),
    );
    expect(state.statuses.i1).toBe('hold');
  });
});

describe('applyDecisionToIntents', () => {
  it('maps pending_approval to pending, then approved', () => {
    let state = applyIntent(EMPTY_INTENTS_STATE, intent());
    state = applyDecisionToIntents(state, { intent_id: 'i1', status: 'pending_approval' });
    expect(state.statuses.i1).toBe('pending');
    state = applyDecisionToIntents(state, { intent_id: 'i1', status: 'approved' });
    expect(state.statuses.i1).toBe('approved');
  });
});

describe('applyFill', () => {
  describe('when a straddle fills leg by leg', () => {
    it('is executed after one leg and filled after both', () => {
      let state = applyIntent(EMPTY_INTENTS_STATE, intent());
      state = applyDecisionToIntents(state, { intent_id: 'i1', status: 'approved' });
      state = applyFill(state, fill('0'));
      expect(state.statuses.i1).toBe('executed');
      state = applyFill(state, fill('0'));
      expect(state.statuses.i1).toBe('executed');
      state = applyFill(state, fill('1'));
      expect(state.statuses.i1).toBe('filled');
    });
  });

  it('ignores fills without an intent id', () => {
    const state = applyIntent(EMPTY_INTENTS_STATE, intent());
    expect(applyFill(state, { intent_id: null, client_order_id: null, order_id: 'x' })).toBe(state);
  });
});

describe('useIntentsStore', () => {
  describe('when a resumed subscription delivers entries it already applied', () => {
    it('applies each stream entry once', () => {
      const { receiveIntent, receiveFill } = useIntentsStore.getState();
      receiveIntent(intent({ intent_id: 'r1', action: 'buy' }), '100-0');
      receiveFill({ ...fill('0'), intent_id: 'r1', client_order_id: 'r1-0' } as OrderFillEvent, '200-0');
      receiveIntent(intent({ intent_id: 'r1', action: 'buy' }), '100-0');
      receiveFill({ ...fill('0'), intent_id: 'r1', client_order_id: 'r1-0' } as OrderFillEvent, '200-0');
      const state = useIntentsStore.getState();
      expect(state.live.filter((i) => i.intent_id === 'r1')).toHaveLength(1);
      expect(state.filledLegs.r1).toEqual(['r1-0']);
      expect(state.cursors).toMatchObject({ 'strategy.intent': '100-0', 'order.fill': '200-0' });
    });
  });
});
