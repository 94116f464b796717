import { createMarketTick, createOrderFill, createVolSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../testing/start-test-server.ts';

const CALL = 'BTC-20991231-100000-C';
const PUT = 'BTC-20991231-100000-P';

describe('positions', () => {
  describe('when a straddle fills and the market marks it', () => {
    it('shows both legs with quantity, average price, mark, PnL and totals, and the equity curve', async () => {
      await using server = await startTestServer({ user: 'viewer' });
      const leg = (symbol: string, price: number) =>
        server.bus.publish(
          'order.fill',
          createOrderFill({ strategy_id: 'pq_vol_trader_btc', symbol, quantity: 0.1, price, fee: 0.5 }),
        );
      await leg(CALL, 20_000);
      await leg(PUT, 19_000);
      await server.bus.publish('market.tick', createMarketTick({ symbol: 'BTC/USDT', price: 100_000 }));
      const row = (option_type: 'call' | 'put', bid: number, ask: number) => ({
        underlying: 'BTC/USDT',
        strike: 100_000,
        expiry: '2099-12-31',
        option_type,
        bid,
        ask,
        last: bid,
        volume: 0,
        open_interest: 0,
        implied_volatility: 0.6,
        greeks: null,
        symbol: option_type === 'call' ? CALL : PUT,
      });
      await server.bus.publish(
        'market.vol_surface',
        createVolSurface({ surface_data: [row('call', 20_900, 21_100), row('put', 18_900, 19_100)] }),
      );

      await expect
        .poll(async () => (await server.client.positions.book.query()).rows.map((r) => r.mark_source))
        .toEqual(['mid', 'mid']);
      const book = await server.client.positions.book.query();
      expect(book.rows.map((r) => [r.symbol, r.quantity, r.avg_price, r.mark])).toEqual([
        [CALL, 0.1, 20_000, 21_000],
        [PUT, 0.1, 19_000, 19_000],
      ]);
      expect(book.by_strategy).toMatchObject([{ key: 'pq_vol_trader_btc', open: 2, fees: 1 }]);
      expect(book.by_underlying[0]?.key).toBe('BTC/USDT');
      expect(book.total.unrealized_pnl).toBeCloseTo(100, 6);
      expect(book.total.realized_pnl).toBeCloseTo(-1, 6);
      expect(book.rows.every((r) => r.greeks !== null)).toBe(true);

      const equity = await server.client.positions.equity.query();
      expect(equity.points.map((p) => p.fees).slice(0, 2)).toEqual([0.5, 1]);
      expect(equity.points.at(-1)?.drawdown).toBeLessThanOrEqual(0);
    });
  });
});
