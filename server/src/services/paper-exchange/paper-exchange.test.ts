import type { OptionChainData, StreamInput } from '@gamma/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import type { OrderLedger } from '../../stores/ledger/order-ledger.ts';
import { createMemoryStores, type Stores } from '../../stores/stores.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { PaperExchange } from './paper-exchange.ts';

const NOW = '2026-03-02T09:15:04.120Z';

const order = (over: Partial<StreamInput<'order.command'>> = {}): StreamInput<'order.command'> => ({
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  side: 'buy',
  order_type: 'market',
  quantity: 0.5,
  price: null,
  command: 'create',
  order_id: null,
  intent_id: 'intent-1',
  client_order_id: 'intent-1-0',
  timestamp: NOW,
  metadata: { intent_type: 'legacy_signal' },
  ...over,
});

const callRow: OptionChainData = {
  underlying: 'BTC/USDT',
  strike: 100_000,
  expiry: '2026-03-27',
  option_type: 'call',
  bid: 4_900,
  ask: 5_100,
  last: 5_000,
  volume: 0,
  open_interest: 0,
  implied_volatility: 0.6,
  greeks: null,
  symbol: 'BTC-20260327-100000-C',
};

describe('PaperExchange', () => {
  let bus: InMemoryBus;
  let clock: FakeClock;
  let ledger: OrderLedger;
  let stores: Stores;
  let exchange: PaperExchange;

  const start = async (deliverTwice = false) => {
    clock = new FakeClock();
    bus = new InMemoryBus({ deliverTwice, clock });
    stores = createMemoryStores(bus);
    ledger = stores.ledger;
    const config = loadConfig({});
    exchange = new PaperExchange(
      { bus, clock, config, log: silentLogger, stores },
      { config: { timers: false } },
    );
    await exchange.start();
    await bus.publish('market.tick', {
      symbol: 'BTC/USDT',
      price: 100_000,
      bid: 99_990,
      ask: 100_010,
      timestamp: NOW,
    });
    // Market data is followed (a tail), which drain() does not wait for
    await vi.waitFor(() => expect(exchange.quote('BTC/USDT')).not.toBeNull());
  };

  beforeEach(() => start());
  afterEach(async () => {
    await exchange.close();
    await bus.close();
  });

  describe('when a market buy arrives', () => {
    it('publishes one fill at the ask with the spot fee, then a position update', async () => {
      await bus.publish('order.command', order());
      await bus.drain();
      const fills = bus.published('order.fill');
      expect(fills).toHaveLength(1);
      expect(fills[0]).toMatchObject({
        order_id: 'paper-intent-1-0',
        client_order_id: 'intent-1-0',
        intent_id: 'intent-1',
        side: 'buy',
        quantity: 0.5,
        price: 100_010,
        metadata: { fee_currency: 'USDT', liquidity: 'taker', leg: 0, settlement: false },
      });
      expect(fills[0]?.fee).toBeCloseTo(0.5 * 100_010 * 0.001, 9);
      const updates = bus.published('position.update');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({
        strategy_id: 'grid_btc',
        symbol: 'BTC/USDT',
        quantity: 0.5,
        avg_price: 100_010,
        metadata: { account_quantity: 0.5, realized_pnl: 0, client_order_id: 'intent-1-0' },
      });
      expect(updates[0]?.unrealized_pnl).toBeCloseTo(0.5 * (100_000 - 100_010), 9);
    });
  });

  describe('when the same client_order_id arrives twice', () => {
    it('fills once', async () => {
      await bus.publish('order.command', order());
      await bus.publish('order.command', order());
      await bus.drain();
      expect(bus.published('order.fill')).toHaveLength(1);
      expect(bus.published('position.update')).toHaveLength(1);
    });
  });

  describe('when every entry is delivered twice', () => {
    it('fills each order once', async () => {
      await exchange.close();
      await bus.close();
      await start(true);
      await bus.publish('order.command', order());
      await bus.publish('order.command', order({ client_order_id: 'intent-1-1', side: 'sell' }));
      await bus.drain();
      expect(bus.published('order.fill')).toHaveLength(2);
      expect(await exchange.positions()).toEqual([]);
    });
  });

  describe('when the order has no client_order_id', () => {
    it('uses ext-<entry id>', async () => {
      const id = await bus.publish('order.command', order({ client_order_id: null, intent_id: null }));
      await bus.drain();
      expect(bus.published('order.fill')[0]).toMatchObject({
        client_order_id: `ext-${id}`,
        order_id: `paper-ext-${id}`,
      });
    });
  });

  describe('when a limit buy is below the ask', () => {
    it('publishes execution_rejected LIMIT_NOT_MARKETABLE and no fill', async () => {
      await bus.publish('order.command', order({ order_type: 'limit', price: 99_000 }));
      await bus.drain();
      expect(bus.published('order.fill')).toEqual([]);
      expect(bus.published('intent.decision')).toEqual([
        expect.objectContaining({
          decision_id: 'intent-1:execution_rejected',
          status: 'execution_rejected',
          reason_codes: ['LIMIT_NOT_MARKETABLE'],
          decided_by: 'paper_exchange',
          strategy_id: 'grid_btc',
          symbol: 'BTC/USDT',
          action: 'legacy_signal',
          direction: 'buy',
          quantity: 0.5,
          approval_mode: 'manual',
          metadata: expect.objectContaining({ leg: 0, client_order_id: 'intent-1-0' }),
        }),
      ]);
    });
  });

  describe('when a cancel arrives', () => {
    it('rejects it with UNSUPPORTED_COMMAND', async () => {
      await bus.publish('order.command', order({ command: 'cancel', order_id: 'paper-x' }));
      await bus.drain();
      expect(bus.published('intent.decision')[0]?.reason_codes).toEqual(['UNSUPPORTED_COMMAND']);
    });
  });

  describe('when an option leg has no quote', () => {
    it('rejects with NO_QUOTE, naming the leg and the underlying', async () => {
      await bus.publish(
        'order.command',
        order({ symbol: 'BTC-20260327-100000-P', client_order_id: 'intent-1-1', metadata: { leg: 1 } }),
      );
      await bus.drain();
      expect(bus.published('intent.decision')[0]).toMatchObject({
        symbol: 'BTC/USDT',
        reason_codes: ['NO_QUOTE'],
        action: 'order',
        metadata: { leg: 1, order_symbol: 'BTC-20260327-100000-P' },
      });
    });
  });

  describe('when an option leg is bought from the surface', () => {
    it('fills at the row ask with the option fee', async () => {
      await bus.publish('market.vol_surface', {
        underlying: 'BTC/USDT',
        surface_data: [callRow],
        atm_iv: 0.6,
        iv_skew: {},
        term_structure: {},
        timestamp: NOW,
      });
      await vi.waitFor(() => expect(exchange.quote('BTC-20260327-100000-C')).not.toBeNull());
      await bus.publish(
        'order.command',
        order({ symbol: 'BTC-20260327-100000-C', order_type: 'limit', price: 5_151, quantity: 2 }),
      );
      await bus.drain();
      const fill = bus.published('order.fill')[0];
      expect(fill).toMatchObject({ price: 5_100, quantity: 2 });
      expect(fill?.fee).toBeCloseTo(2 * Math.min(0.0003 * 100_000, 0.125 * 5_100), 9);
    });
  });

  describe('when an option position reaches 08:00 UTC of its expiry', () => {
    it('settles it at intrinsic value once, with fee 0, then reports it flat', async () => {
      await bus.publish('market.vol_surface', {
        underlying: 'BTC/USDT',
        surface_data: [callRow],
        atm_iv: 0.6,
        iv_skew: {},
        term_structure: {},
        timestamp: NOW,
      });
      await vi.waitFor(() => expect(exchange.quote('BTC-20260327-100000-C')).not.toBeNull());
      await bus.publish('order.command', order({ symbol: 'BTC-20260327-100000-C', quantity: 1 }));
      await bus.drain();
      clock.set(Date.parse('2026-03-27T08:00:00Z'));
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT',
        price: 103_000,
        bid: 103_000,
        ask: 103_000,
        timestamp: NOW,
      });
      await vi.waitFor(() => expect(exchange.quote('BTC/USDT')?.ask).toBeGreaterThan(102_000));
      expect(await exchange.settleExpired()).toBe(1);
      expect(await exchange.settleExpired()).toBe(0);
      const fills = bus.published('order.fill');
      expect(fills).toHaveLength(2);
      expect(fills[1]).toMatchObject({
        client_order_id: 'settle-BTC-20260327-100000-C-grid_btc',
        side: 'sell',
        quantity: 1,
        price: 3_000,
        fee: 0,
        metadata: { settlement: true },
      });
      expect(bus.published('position.update')[1]).toMatchObject({ quantity: 0, avg_price: 0 });
    });
  });

  describe('when publishing the fill fails once after the booking', () => {
    it('publishes the booked fill and its position update exactly once on the redelivery', async () => {
      let failures = 1;
      const flaky: Stores = {
        ...stores,
        once: {
          ...stores.once,
          append: (effect) => {
            if (effect.stream === 'order.fill' && failures-- > 0)
              return Promise.reject(new Error('redis away'));
            return stores.once.append(effect);
          },
        },
      };
      await exchange.close();
      exchange = new PaperExchange(
        { bus, clock, config: loadConfig({}), log: silentLogger, stores: flaky },
        { config: { timers: false } },
      );
      await exchange.start();
      await bus.publish('market.tick', { symbol: 'BTC/USDT', price: 100_000, timestamp: NOW });
      await bus.publish('order.command', order());
      await bus.drain();
      expect(failures).toBe(-1);
      expect(bus.published('order.fill')).toHaveLength(1);
      expect(bus.published('position.update').map((u) => u.quantity)).toEqual([0.5]);
      expect(await ledger.outcome('intent-1-0')).toMatchObject({ status: 'filled' });
      expect((await exchange.positions()).map((h) => h.position.quantity)).toEqual([0.5]);
    });
  });

  describe('when a fill was booked but this process never applied it (a lost reply)', () => {
    it('takes the position from the ledger before publishing, and never books it again', async () => {
      const booked = { status: 'filled' as const, price: 100_010, quantity: 0.5, fee: 0.05, at: 1 };
      const position = {
        strategyId: 'grid_btc',
        symbol: 'BTC/USDT',
        quantity: 0.5,
        avgPrice: 100_010,
        realizedPnl: 0,
      };
      await ledger.book('intent-1-0', booked, position);
      await bus.publish('order.command', order());
      await bus.publish('order.command', order({ client_order_id: 'intent-2-0', intent_id: 'intent-2' }));
      await bus.drain();
      expect(bus.published('order.fill').map((f) => [f.client_order_id, f.price])).toEqual([
        ['intent-1-0', 100_010],
        ['intent-2-0', 100_010],
      ]);
      expect(bus.published('position.update').map((u) => u.quantity)).toEqual([0.5, 1]);
      expect((await exchange.positions()).map((h) => h.position.quantity)).toEqual([1]);
    });
  });

  describe('when both legs of a structure are rejected', () => {
    it('publishes one execution_rejected for the intent, with the approval mode of its orders', async () => {
      const leg = (n: number) =>
        order({
          symbol: `BTC-20260327-100000-${n === 0 ? 'C' : 'P'}`,
          client_order_id: `intent-1-${n}`,
          metadata: { leg: n, approved_by: 'auto', approval_mode: 'auto' },
        });
      await bus.publish('order.command', leg(0));
      await bus.publish('order.command', leg(1));
      await bus.drain();
      const decisions = bus.published('intent.decision');
      expect(decisions.map((d) => [d.decision_id, d.status, d.approval_mode])).toEqual([
        ['intent-1:execution_rejected', 'execution_rejected', 'auto'],
      ]);
      expect(await ledger.outcome('intent-1-1')).toMatchObject({
        status: 'rejected',
        reasonCode: 'NO_QUOTE',
      });
    });
  });

  describe('when the exchange restarts', () => {
    it('quotes from fresh retained ticks at once, but not from stale ones', async () => {
      await exchange.close();
      const restart = async () => {
        const svc = new PaperExchange(
          { bus, clock, config: loadConfig({}), log: silentLogger, stores },
          { config: { timers: false } },
        );
        await svc.start();
        return svc;
      };
      exchange = await restart();
      expect(exchange.quote('BTC/USDT')).toEqual({ bid: 99_990, ask: 100_010 });
      await exchange.close();
      clock.advance(61_000);
      exchange = await restart();
      expect(exchange.quote('BTC/USDT')).toBeNull();
    });
  });

  describe('when the exchange restarts on the same ledger', () => {
    it('keeps positions and never refills a known client_order_id', async () => {
      await bus.publish('order.command', order());
      await bus.drain();
      await exchange.close();
      const again = new PaperExchange(
        { bus, clock, config: loadConfig({}), log: silentLogger, stores },
        { config: { timers: false } },
      );
      await again.start();
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT',
        price: 100_000,
        bid: 99_990,
        ask: 100_010,
        timestamp: NOW,
      });
      await bus.publish('order.command', order());
      await bus.publish('order.command', order({ client_order_id: 'intent-2-0', intent_id: 'intent-2' }));
      await bus.drain();
      expect(bus.published('order.fill')).toHaveLength(2);
      expect(bus.published('position.update')[1]?.metadata.account_quantity).toBe(1);
      await again.close();
    });
  });
});
