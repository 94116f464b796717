import type { OrderCommand } from '@gamma/shared';
import { createIntentDecision, createOrderFill, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  applyDecision,
  applyFill,
  applyIntent,
  applyOrderCommand,
  createIntentsState,
} from '../../core/intents-state.ts';
import { allOrderRows, markOf } from './order-rows.ts';

const legOrder = (intentId: string, leg: 0 | 1, over: Partial<OrderCommand> = {}): OrderCommand => ({
  strategy_id: 'pq_vol_trader_btc',
  symbol: leg === 0 ? 'BTC-20260327-100000-C' : 'BTC-20260327-100000-P',
  side: 'buy',
  order_type: 'limit',
  quantity: 0.5,
  price: 4_896,
  command: 'create',
  order_id: null,
  intent_id: intentId,
  client_order_id: `${intentId}-${leg}`,
  timestamp: '2026-03-02T09:15:06.000Z',
  metadata: { leg, mark: 4_800 },
  ...over,
});

/** A straddle intent with its two leg orders, as option execution sends them. */
function straddle(over: Partial<OrderCommand> = {}) {
  const state = createIntentsState();
  const intent = createStrategyIntent({ strategy_id: 'pq_vol_trader_btc', action: 'buy_straddle' });
  const id = intent.intent_id;
  applyIntent(state, { id: '1000-0', message: intent });
  applyOrderCommand(state, { id: '1001-0', message: legOrder(id, 0, over) });
  applyOrderCommand(state, { id: '1001-1', message: legOrder(id, 1, over) });
  const fill = (entryId: string, leg: 0 | 1, price: number) =>
    applyFill(state, {
      id: entryId,
      message: createOrderFill({
        intent_id: id,
        client_order_id: `${id}-${leg}`,
        symbol: legOrder(id, leg).symbol,
        side: over.side ?? 'buy',
        quantity: 0.5,
        price,
        fee: 15,
      }),
    });
  return { state, id, fill };
}

describe('allOrderRows', () => {
  describe('when both legs of a bought straddle filled', () => {
    it('lists each order filled with its fill, fee and slippage against the mark, newest first', () => {
      const { state, id, fill } = straddle();
      fill('1002-0', 0, 4_848);
      fill('1002-1', 1, 4_824);

      const rows = allOrderRows(state);

      expect(rows.map((r) => r.client_order_id)).toEqual([`${id}-1`, `${id}-0`]);
      expect(rows[1]).toMatchObject({
        entry_id: '1001-0',
        intent_id: id,
        action: 'buy_straddle',
        underlying: 'BTC/USDT',
        status: 'filled',
        mark: 4_800,
        limit_price: 4_896,
        filled_quantity: 0.5,
        avg_fill_price: 4_848,
        fees: 15,
        // Paid 48 over the mark on 0.5 options: 24 USD, 100 bps of 4 800
        slippage_usd: 24,
        slippage_bps: 100,
        reason_code: null,
      });
      expect(rows[1]?.fills).toEqual([
        {
          entry_id: '1002-0',
          timestamp: expect.any(String),
          quantity: 0.5,
          price: 4_848,
          fee: 15,
          slippage_usd: 24,
          slippage_bps: 100,
        },
      ]);
    });
  });

  describe('when a sold leg filled below its mark', () => {
    it('counts the shortfall as a positive slippage (a cost for a sell)', () => {
      const { state, fill } = straddle({ side: 'sell' });
      fill('1002-0', 0, 4_752);

      const [, call] = allOrderRows(state);

      expect(call).toMatchObject({ status: 'filled', slippage_usd: 24, slippage_bps: 100 });
    });
  });

  describe('when a leg has no fill yet', () => {
    it('is sent, with no fill price and no slippage', () => {
      const { state } = straddle();

      expect(allOrderRows(state)[0]).toMatchObject({
        status: 'sent',
        fills: [],
        avg_fill_price: null,
        slippage_usd: null,
        slippage_bps: null,
        fees: 0,
      });
    });
  });

  describe('when the paper exchange rejected a leg', () => {
    it('marks that leg rejected with the reason code, and leaves the filled leg filled', () => {
      const { state, id, fill } = straddle();
      fill('1002-0', 0, 4_848);
      const reason = 'limit buy at 4896 not marketable against ask 4990';
      applyDecision(state, {
        id: '1003-0',
        message: createIntentDecision({
          intent_id: id,
          status: 'execution_rejected',
          decided_by: 'paper_exchange',
          reason_codes: ['LIMIT_NOT_MARKETABLE'],
          reason,
          metadata: { leg: 1, client_order_id: `${id}-1`, order_symbol: legOrder(id, 1).symbol },
        }),
      });

      const [put, call] = allOrderRows(state);

      expect(put).toMatchObject({ status: 'rejected', reason_code: 'LIMIT_NOT_MARKETABLE', reason });
      expect(call).toMatchObject({ status: 'filled', reason_code: null });
    });
  });

  describe('when an order carries no mark but a reference price', () => {
    it('measures slippage against the reference price', () => {
      const state = createIntentsState();
      applyOrderCommand(state, {
        id: '1-0',
        message: legOrder('hedge-1', 0, {
          symbol: 'BTC/USDT:USDT',
          order_type: 'market',
          price: null,
          metadata: { reference_price: 100_000 },
        }),
      });
      applyFill(state, {
        id: '2-0',
        message: createOrderFill({ client_order_id: 'hedge-1-0', quantity: 0.5, price: 100_050 }),
      });

      expect(allOrderRows(state)[0]).toMatchObject({
        underlying: 'BTC/USDT',
        mark: 100_000,
        slippage_usd: 25,
        slippage_bps: 5,
      });
    });
  });

  describe('when an order carries no mark at all', () => {
    it('shows the fill with no slippage', () => {
      const { state, fill } = straddle({ metadata: {} });
      fill('1002-0', 0, 4_848);

      expect(allOrderRows(state)[1]).toMatchObject({
        status: 'filled',
        mark: null,
        slippage_usd: null,
        slippage_bps: null,
      });
    });
  });
});

describe('markOf', () => {
  it('takes a positive metadata.mark, else a positive reference_price, else nothing', () => {
    expect(markOf({ metadata: { mark: 10, reference_price: 20 } })).toBe(10);
    expect(markOf({ metadata: { mark: 0, reference_price: 20 } })).toBe(20);
    expect(markOf({ metadata: { mark: 'x' } })).toBeNull();
    expect(markOf({ metadata: {} })).toBeNull();
  });
});
