import type { IntentDecisionEvent, OrderCommand } from '@gamma/shared';
import { createIntentDecision, createOrderFill, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { intentStatus, intentUpdatedAt } from './intent-status.ts';
import {
  applyDecision,
  applyExecutionCommand,
  applyFill,
  applyIntent,
  applyOrderCommand,
  createIntentsState,
  type IntentRecord,
  type IntentsState,
} from './intents-state.ts';

const order = (intentId: string, leg: number, symbol = 'BTC/USDT'): OrderCommand => ({
  strategy_id: 'pq_vol_trader_btc',
  symbol,
  side: 'buy',
  order_type: 'limit',
  quantity: 0.1,
  price: 1000,
  command: 'create',
  order_id: null,
  intent_id: intentId,
  client_order_id: `${intentId}-${leg}`,
  timestamp: '2026-03-02T09:15:06.000Z',
  metadata: {},
});

const decision = (intentId: string, status: IntentDecisionEvent['status']) =>
  createIntentDecision({ intent_id: intentId, status });

function withIntent(action = 'buy_straddle'): {
  state: IntentsState;
  id: string;
  record: () => IntentRecord;
} {
  const state = createIntentsState();
  const intent = createStrategyIntent({ action, direction: action === 'hold' ? null : 'buy' });
  applyIntent(state, { id: '1000-0', message: intent });
  const record = (): IntentRecord => {
    const found = state.byId.get(intent.intent_id);
    if (!found) throw new Error('record missing');
    return found;
  };
  return { state, id: intent.intent_id, record };
}

describe('intentStatus', () => {
  describe('when only the intent was seen', () => {
    it('is received', () => {
      const { record } = withIntent();
      expect(intentStatus(record())).toBe('received');
    });
  });

  describe('when the intent is a hold', () => {
    it('is hold', () => {
      const { record } = withIntent('hold');
      expect(intentStatus(record())).toBe('hold');
    });
  });

  describe('when it awaits approval', () => {
    it('is pending', () => {
      const { state, id, record } = withIntent();
      applyDecision(state, { id: '1001-0', message: decision(id, 'pending_approval') });
      expect(intentStatus(record())).toBe('pending');
    });
  });

  describe('when a four-eyes intent awaits its second approver', () => {
    it('is still pending, and approved once the second trader approved', () => {
      const { state, id, record } = withIntent();
      applyDecision(state, { id: '1001-0', message: decision(id, 'pending_approval') });
      applyDecision(state, { id: '1002-0', message: decision(id, 'awaiting_second_approval') });
      expect(intentStatus(record())).toBe('pending');
      applyDecision(state, { id: '1003-0', message: decision(id, 'approved') });
      expect(intentStatus(record())).toBe('approved');
    });
  });

  describe('when approved but not yet routed', () => {
    it('is approved', () => {
      const { state, id, record } = withIntent();
      applyDecision(state, { id: '1001-0', message: decision(id, 'pending_approval') });
      applyDecision(state, { id: '1002-0', message: decision(id, 'approved') });
      expect(intentStatus(record())).toBe('approved');
    });
  });

  describe('when its execution command was published', () => {
    it('is executed', () => {
      const { state, id, record } = withIntent();
      applyDecision(state, { id: '1002-0', message: decision(id, 'approved') });
      applyExecutionCommand(state, {
        id: '1003-0',
        message: {
          intent_id: id,
          strategy_id: 'pq_vol_trader_btc',
          symbol: 'BTC/USDT',
          action: 'buy_straddle',
          direction: 'buy',
          quantity: 0.1,
          approved_by: 'trader',
          timestamp: '2026-03-02T09:15:05.000Z',
          metadata: {},
        },
      });
      expect(intentStatus(record())).toBe('executed');
    });
  });

  describe('when one leg of an option intent is filled', () => {
    it('is still executed', () => {
      const { state, id, record } = withIntent();
      applyOrderCommand(state, { id: '1004-0', message: order(id, 0) });
      applyOrderCommand(state, { id: '1004-1', message: order(id, 1) });
      applyFill(state, {
        id: '1005-0',
        message: createOrderFill({ intent_id: id, client_order_id: `${id}-0` }),
      });
      expect(intentStatus(record())).toBe('executed');
    });
  });

  describe('when every leg is filled', () => {
    it('is filled', () => {
      const { state, id, record } = withIntent();
      applyOrderCommand(state, { id: '1004-0', message: order(id, 0) });
      applyOrderCommand(state, { id: '1004-1', message: order(id, 1) });
      applyFill(state, {
        id: '1005-0',
        message: createOrderFill({ intent_id: id, client_order_id: `${id}-0` }),
      });
      applyFill(state, {
        id: '1005-1',
        message: createOrderFill({ intent_id: null, client_order_id: `${id}-1` }),
      });
      expect(intentStatus(record())).toBe('filled');
    });
  });

  describe('when only the first leg of an option intent was ordered and filled', () => {
    it('is not filled yet', () => {
      const { state, id, record } = withIntent();
      applyOrderCommand(state, { id: '1004-0', message: order(id, 0) });
      applyFill(state, {
        id: '1005-0',
        message: createOrderFill({ intent_id: id, client_order_id: `${id}-0` }),
      });
      expect(intentStatus(record())).toBe('executed');
    });
  });

  describe('when execution was rejected after approval', () => {
    it('is execution_rejected', () => {
      const { state, id, record } = withIntent();
      applyDecision(state, { id: '1002-0', message: decision(id, 'approved') });
      applyDecision(state, { id: '1003-0', message: decision(id, 'execution_rejected') });
      expect(intentStatus(record())).toBe('execution_rejected');
    });
  });

  describe.each(['vetoed', 'expired', 'rejected_on_recheck'] as const)('when the outcome is %s', (status) => {
    it(`is ${status}`, () => {
      const { state, id, record } = withIntent();
      applyDecision(state, { id: '1001-0', message: decision(id, 'pending_approval') });
      applyDecision(state, { id: '1002-0', message: decision(id, status) });
      expect(intentStatus(record())).toBe(status);
    });
  });
});

describe('intentUpdatedAt', () => {
  describe('when later events exist', () => {
    it('is the newest timestamp', () => {
      const { state, id, record } = withIntent();
      applyDecision(state, {
        id: '1001-0',
        message: createIntentDecision({
          intent_id: id,
          status: 'approved',
          timestamp: '2026-03-02T09:20:00.000Z',
        }),
      });
      expect(intentUpdatedAt(record())).toBe('2026-03-02T09:20:00.000Z');
    });
  });
});
