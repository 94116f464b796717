import type { OptionChainData } from '@gamma/shared';
import { createMarketTick, createOrderFill, createVolSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  applyFill,
  applySurface,
  applyTick,
  createPositionsBook,
  type PositionsBook,
} from './positions-book.ts';
import { positionsBookView } from './positions-view.ts';

const T0 = Date.parse('2026-03-02T09:15:00.000Z');
const CALL = 'BTC-20260327-100000-C';
const PUT = 'BTC-20260327-100000-P';

const quote = (option_type: 'call' | 'put', bid: number, ask: number): OptionChainData => ({
  underlying: 'BTC/USDT',
  strike: 100_000,
  expiry: '2026-03-27',
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

function straddleBook(): PositionsBook {
  const book = createPositionsBook({ sampleMs: 5000, maxPoints: 100 });
  let seq = 0;
  const fill = (o: Parameters<typeof createOrderFill>[0]) =>
    applyFill(book, { id: `${T0}-${seq++}`, message: createOrderFill(o) });
  fill({ strategy_id: 'pq', symbol: CALL, quantity: 0.1, price: 6000, fee: 0.5 });
  fill({ strategy_id: 'pq', symbol: PUT, quantity: 0.1, price: 6100, fee: 0.5 });
  fill({ strategy_id: 'hedger', symbol: 'BTC/USDT', side: 'sell', quantity: 0.01, price: 100_000, fee: 1 });
  applyTick(book, { id: `${T0 + 1000}-0`, message: createMarketTick({ bid: 100_990, ask: 101_010 }) });
  const surface = createVolSurface({ surface_data: [quote('call', 6500, 6700), quote('put', 5800, 6000)] });
  applySurface(book, { id: `${T0 + 1000}-1`, message: surface });
  return book;
}

describe('positionsBookView', () => {
  describe('when a straddle and a hedge are open and marked', () => {
    it('values each leg at its mid and the hedge at the tick mid', () => {
      const view = positionsBookView(straddleBook(), T0 + 2000);
      expect(view.rows.map((r) => [r.strategy_id, r.symbol, r.mark, r.mark_source])).toEqual([
        ['hedger', 'BTC/USDT', 101_000, 'tick'],
        ['pq', CALL, 6600, 'mid'],
        ['pq', PUT, 5900, 'mid'],
      ]);
      const byLeg = Object.fromEntries(view.rows.map((r) => [r.symbol, r]));
      expect(byLeg[CALL]?.unrealized_pnl).toBeCloseTo(60, 9);
      expect(byLeg[PUT]?.unrealized_pnl).toBeCloseTo(-20, 9);
      expect(byLeg['BTC/USDT']?.unrealized_pnl).toBeCloseTo(-10, 9);
      expect(byLeg[CALL]?.realized_pnl).toBe(-0.5);
    });

    it('gives each position Greeks: options from the surface, the hedge delta = its quantity', () => {
      const view = positionsBookView(straddleBook(), T0 + 2000);
      const byLeg = Object.fromEntries(view.rows.map((r) => [r.symbol, r]));
      expect(byLeg['BTC/USDT']?.greeks).toEqual({ delta: -0.01, gamma: 0, vega: 0, theta: 0 });
      const call = byLeg[CALL]?.greeks;
      expect(call?.delta).toBeGreaterThan(0);
      expect(call?.vega).toBeGreaterThan(0);
      expect(call?.theta).toBeLessThan(0);
      expect(byLeg[PUT]?.greeks?.delta).toBeLessThan(0);
      expect(view.unpriced).toEqual([]);
    });

    it('totals per strategy, per underlying (with coin delta) and for the book', () => {
      const view = positionsBookView(straddleBook(), T0 + 2000);
      expect(view.by_strategy.map((t) => [t.key, t.open, t.fees])).toEqual([
        ['hedger', 1, 1],
        ['pq', 2, 1],
      ]);
      const [btc] = view.by_underlying;
      const rows = view.rows;
      expect(btc?.key).toBe('BTC/USDT');
      expect(btc?.delta).toBeCloseTo(
        rows.reduce((a, r) => a + (r.greeks?.delta ?? 0), 0),
        12,
      );
      expect(view.total.delta).toBeNull();
      expect(view.total.unrealized_pnl).toBeCloseTo(30, 9);
      expect(view.total.realized_pnl).toBeCloseTo(-2, 9);
      expect(view.total.total_pnl).toBeCloseTo(28, 9);
    });
  });

  describe('when an option has no surface yet', () => {
    it('lists it as unpriced, marked at its fill price', () => {
      const book = createPositionsBook({ sampleMs: 5000, maxPoints: 100 });
      applyFill(book, { id: `${T0}-0`, message: createOrderFill({ symbol: CALL, price: 6000 }) });
      const view = positionsBookView(book, T0);
      expect(view.unpriced).toEqual([CALL]);
      expect(view.rows[0]).toMatchObject({ mark: 6000, mark_source: 'fill', greeks: null });
    });
  });

  describe('when a position is closed', () => {
    it('keeps the flat row with its realized PnL, after the open rows', () => {
      const book = createPositionsBook({ sampleMs: 5000, maxPoints: 100 });
      applyFill(book, { id: `${T0}-0`, message: createOrderFill({ symbol: 'ETH/USDT', price: 3000 }) });
      applyFill(book, {
        id: `${T0}-1`,
        message: createOrderFill({ symbol: 'ETH/USDT', side: 'sell', price: 3100, fee: 0.2 }),
      });
      applyFill(book, { id: `${T0}-2`, message: createOrderFill({ symbol: 'BTC/USDT', price: 100_000 }) });
      const view = positionsBookView(book, T0);
      expect(view.rows.map((r) => [r.symbol, r.quantity])).toEqual([
        ['BTC/USDT', 0.1],
        ['ETH/USDT', 0],
      ]);
      expect(view.rows[1]?.realized_pnl).toBeCloseTo(9.8, 9);
    });
  });
});
