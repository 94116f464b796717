import { randomUUID } from 'node:crypto';
import type { OrderCommand } from '@gamma/shared';
import { createIntentDecision, createOrderFill, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { streamKey } from '../../keys/key-table.ts';
import { iso } from '../../lib/clock.ts';
import { startTestServer } from '../../testing/start-test-server.ts';

const msOf = (entryId: string): number => Number(entryId.split('-')[0]);

const orderOf = (intentId: string, leg: number, symbol: string): OrderCommand => ({
  strategy_id: 'pq_vol_trader_btc',
  symbol,
  side: 'buy',
  quantity: 0.1,
  intent_id: intentId,
  client_order_id: `${intentId}-${leg}`,
  order_type: 'limit',
  price: 1200,
  command: 'create',
  order_id: null,
  timestamp: '2026-03-02T09:15:05.000Z',
  metadata: {},
});

describe('intents.explain', () => {
  describe('when a straddle was approved by the trader and both legs filled', () => {
    it('returns the hops from the streams, the approval command included, timed by entry ids', async () => {
      await using server = await startTestServer();
      const intent = createStrategyIntent({
        intent_id: `i-${randomUUID()}`,
        strategy_id: 'pq_vol_trader_btc',
        action: 'buy_straddle',
      });
      const id = intent.intent_id;
      const decide = (status: 'pending_approval' | 'approved') =>
        server.bus.publish('intent.decision', createIntentDecision({ intent_id: id, status }));
      const at: Record<string, string> = {};
      at.intent = await server.bus.publish('strategy.intent', intent);
      at.pending = await decide('pending_approval');
      await server.stores.approvals.create({
        intent,
        checks: [],
        expires_at: iso(Date.now() + 120_000),
        created_at: iso(Date.now()),
        approval_mode: 'manual',
        status: 'pending',
      });
      await server.client.approvals.approve.mutate({ intent_id: id });
      const [approval] = await server.redis.xrange(streamKey(server.prefix, 'intent.approval'), '-', '+');
      at.approval = approval?.[0] ?? '';
      at.approved = await decide('approved');
      // A redelivered decision is the same step: it adds no hop
      await decide('approved');
      at.command = await server.bus.publish('execution.command', {
        intent_id: id,
        strategy_id: intent.strategy_id,
        symbol: 'BTC/USDT',
        action: 'buy_straddle',
        direction: 'buy',
        quantity: 0.1,
        approved_by: 'trader',
        timestamp: '2026-03-02T09:15:05.000Z',
        metadata: {},
      });
      at.order0 = await server.bus.publish('order.command', orderOf(id, 0, 'BTC-20260327-60000-C'));
      at.order1 = await server.bus.publish('order.command', orderOf(id, 1, 'BTC-20260327-60000-P'));
      at.fill1 = await server.bus.publish(
        'order.fill',
        createOrderFill({ intent_id: id, client_order_id: `${id}-1` }),
      );
      at.fill0 = await server.bus.publish(
        'order.fill',
        createOrderFill({ intent_id: id, client_order_id: `${id}-0` }),
      );

      const hop = (from: string, to: string, [a, b]: [string, string]) => ({
        from,
        to,
        ms: msOf(at[b] ?? '') - msOf(at[a] ?? ''),
      });
      await expect
        .poll(async () => (await server.client.intents.explain.query({ intent_id: id })).hops)
        .toEqual([
          hop('intent', 'decision:pending_approval', ['intent', 'pending']),
          hop('decision:pending_approval', 'approval', ['pending', 'approval']),
          hop('approval', 'decision:approved', ['approval', 'approved']),
          hop('decision:approved', 'command', ['approved', 'command']),
          hop('command', `order:${id}-0`, ['command', 'order0']),
          hop('command', `order:${id}-1`, ['command', 'order1']),
          hop(`order:${id}-1`, `fill:${id}-1`, ['order1', 'fill1']),
          hop(`order:${id}-0`, `fill:${id}-0`, ['order0', 'fill0']),
        ]);
    });
  });
});
