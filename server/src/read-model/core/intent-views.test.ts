import type { OrderCommand, StrategySignalEvent } from '@gamma/shared';
import {
  createIntentDecision,
  createOrderFill,
  createPositionUpdate,
  createStrategyIntent,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { explainIntent, recentIntents } from './intent-views.ts';
import {
  applyDecision,
  applyFill,
  applyIntent,
  applyOrderCommand,
  applyPositionUpdate,
  applySignal,
  createIntentsState,
} from './intents-state.ts';

const orderOf = (intentId: string): OrderCommand => ({
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  side: 'buy',
  order_type: 'market',
  quantity: 0.1,
  price: null,
  command: 'create',
  order_id: null,
  intent_id: intentId,
  client_order_id: `${intentId}-0`,
  timestamp: '2026-03-02T09:15:06.000Z',
  metadata: {},
});

describe('recentIntents', () => {
  describe('when several intents were seen', () => {
    it('lists them newest first with status and decisions, up to the limit', () => {
      const state = createIntentsState();
      const a = createStrategyIntent();
      const b = createStrategyIntent();
      const c = createStrategyIntent();
      applyIntent(state, { id: '1000-0', message: a });
      applyIntent(state, { id: '1000-1', message: b });
      applyIntent(state, { id: '1002-0', message: c });
      applyDecision(state, { id: '1003-0', message: createIntentDecision({ intent_id: b.intent_id }) });

      const rows = recentIntents(state, { limit: 2 });

      expect(rows.map((r) => r.intent.intent_id)).toEqual([c.intent_id, b.intent_id]);
      expect(rows[1]).toMatchObject({ status: 'vetoed', stream_id: '1000-1' });
      expect(rows[1]?.decisions).toHaveLength(1);
    });
  });

  describe('when filtered by underlying', () => {
    it('keeps intents on that underlying, perpetuals and options included', () => {
      const state = createIntentsState();
      const btcPerp = createStrategyIntent({ symbol: 'BTC/USDT:USDT', action: 'delta_hedge' });
      const eth = createStrategyIntent({ symbol: 'ETH/USDT', strategy_id: 'pq_vol_trader_eth' });
      applyIntent(state, { id: '1000-0', message: btcPerp });
      applyIntent(state, { id: '1001-0', message: eth });

      const rows = recentIntents(state, { limit: 50, underlying: 'BTC/USDT' });

      expect(rows.map((r) => r.intent.intent_id)).toEqual([btcPerp.intent_id]);
    });
  });

  describe('when a decision arrives twice', () => {
    it('is kept once', () => {
      const state = createIntentsState();
      const intent = createStrategyIntent();
      applyIntent(state, { id: '1000-0', message: intent });
      const decision = createIntentDecision({ intent_id: intent.intent_id, status: 'pending_approval' });
      applyDecision(state, { id: '1001-0', message: decision });
      applyDecision(state, { id: '1001-0', message: decision });
      expect(recentIntents(state, { limit: 1 })[0]?.decisions).toHaveLength(1);
    });
  });

  describe('when more intents arrive than the state keeps', () => {
    it('forgets the oldest', () => {
      const state = createIntentsState(2);
      const ids = [1, 2, 3].map((n) => {
        const intent = createStrategyIntent();
        applyIntent(state, { id: `100${n}-0`, message: intent });
        return intent.intent_id;
      });
      expect(recentIntents(state, { limit: 10 }).map((r) => r.intent.intent_id)).toEqual([ids[2], ids[1]]);
    });
  });
});

describe('explainIntent', () => {
  describe('when the intent is unknown', () => {
    it('is null', () => {
      expect(explainIntent(createIntentsState(), 'nope')).toBeNull();
    });
  });

  describe('when a converted signal went all the way to a fill', () => {
    it('orders signal, intent, decision, order, fill and position update', () => {
      const state = createIntentsState();
      const signal: StrategySignalEvent = {
        strategy_id: 'grid_btc',
        symbol: 'BTC/USDT',
        signal_type: 'buy',
        confidence: 1,
        timestamp: '2026-03-02T09:15:00.000Z',
        metadata: {},
      } as unknown as StrategySignalEvent;
      const intent = createStrategyIntent({
        intent_id: 'sig-999-0',
        strategy_id: 'grid_btc',
        action: 'buy',
        metadata: { source_entry_id: '999-0' },
      });
      applySignal(state, { id: '999-0', message: signal });
      // Entries of the same millisecond from different streams still come out in causal order
      applyFill(state, {
        id: '1000-2',
        message: createOrderFill({ intent_id: intent.intent_id, client_order_id: 'sig-999-0-0' }),
      });
      applyOrderCommand(state, { id: '1000-1', message: orderOf(intent.intent_id) });
      applyDecision(state, {
        id: '1000-0',
        message: createIntentDecision({ intent_id: intent.intent_id, status: 'approved' }),
      });
      applyIntent(state, { id: '1000-0', message: intent });
      applyPositionUpdate(state, { id: '900-0', message: createPositionUpdate() });
      applyPositionUpdate(state, { id: '1001-0', message: createPositionUpdate({ strategy_id: 'other' }) });
      applyPositionUpdate(state, { id: '1002-0', message: createPositionUpdate() });

      const nodes = explainIntent(state, intent.intent_id) ?? [];

      expect(nodes.map((n) => [n.stream, n.entry_id])).toEqual([
        ['strategy.signal', '999-0'],
        ['strategy.intent', '1000-0'],
        ['intent.decision', '1000-0'],
        ['order.command', '1000-1'],
        ['order.fill', '1000-2'],
        ['position.update', '1002-0'],
      ]);
    });
  });
});
