import type { OrderCommand } from '@gamma/shared';
import { createIntentDecision, createOrderFill, createStrategyIntent } from '@gamma/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/start-test-server.ts';

const legOf = (intentId: string, leg: 0 | 1): OrderCommand => ({
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
  timestamp: new Date().toISOString(),
  metadata: { leg, mark: 4_800 },
});

// One gateway for the file (a start costs seconds on a busy machine), signed in as a viewer
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ user: 'viewer' });
}, 120_000);
afterAll(() => server?.close());

describe('orders.list', () => {
  describe('when a straddle has one leg filled and one rejected by the exchange', () => {
    it('lists both orders to a viewer, the fill with fee and slippage, the rejection with its code', async () => {
      const intent = createStrategyIntent({ strategy_id: 'pq_vol_trader_btc', action: 'buy_straddle' });
      const id = intent.intent_id;
      await server.bus.publish('strategy.intent', intent);
      await server.bus.publish('order.command', legOf(id, 0));
      await server.bus.publish('order.command', legOf(id, 1));
      await server.bus.publish(
        'order.fill',
        createOrderFill({
          intent_id: id,
          client_order_id: `${id}-0`,
          symbol: legOf(id, 0).symbol,
          quantity: 0.5,
          price: 4_848,
          fee: 15,
        }),
      );
      await server.bus.publish(
        'intent.decision',
        createIntentDecision({
          intent_id: id,
          status: 'execution_rejected',
          decided_by: 'paper_exchange',
          reason_codes: ['LIMIT_NOT_MARKETABLE'],
          reason: 'limit buy at 4896 not marketable against ask 4990',
          metadata: { leg: 1, client_order_id: `${id}-1` },
        }),
      );

      await expect
        .poll(async () => {
          const list = await server.client.orders.list.query({ underlying: 'btc-usdt' });
          return list.orders
            .filter((o) => o.intent_id === id)
            .map((o) => [o.client_order_id, o.status, o.reason_code, o.fills.length]);
        })
        .toEqual([
          [`${id}-1`, 'rejected', 'LIMIT_NOT_MARKETABLE', 0],
          [`${id}-0`, 'filled', null, 1],
        ]);
      const filled = await server.client.orders.list.query({
        status: 'filled',
        strategy: 'pq_vol_trader_btc',
      });
      expect(filled.orders).toHaveLength(1);
      expect(filled.orders[0]).toMatchObject({
        client_order_id: `${id}-0`,
        action: 'buy_straddle',
        underlying: 'BTC/USDT',
        mark: 4_800,
        avg_fill_price: 4_848,
        fees: 15,
        slippage_usd: 24,
        slippage_bps: 100,
      });
      expect(filled).toMatchObject({
        total: 1,
        strategies: ['pq_vol_trader_btc'],
        underlyings: ['BTC/USDT'],
      });

      const later = await server.client.orders.list.query({
        from: new Date(Date.now() + 60_000).toISOString(),
      });
      expect(later.orders).toEqual([]);
    });
  });

  describe('when the input is out of bounds', () => {
    it('is BAD_REQUEST with the zod issues', async () => {
      const list = server.client.orders.list.query({ limit: 1_000_000, status: 'lost' } as never);
      await expect(list).rejects.toMatchObject({
        data: {
          code: 'BAD_REQUEST',
          zodError: { fieldErrors: { limit: expect.any(Array), status: expect.any(Array) } },
        },
      });
    });
  });

  it('needs a signed-in user', async () => {
    const anonymous = await server.createClient();
    await expect(anonymous.client.orders.list.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });
});
