import type { StreamInput } from '@gamma/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createMemoryStores } from '../../stores/stores.ts';
import { OptionExecutionService } from './option-execution-service.ts';
import { createTestSurface as testSurface } from '@gamma/shared/testing';

const NOW = '2026-03-02T09:15:04.120Z';

const command = (over: Partial<StreamInput<'execution.command'>> = {}): StreamInput<'execution.command'> => ({
  intent_id: 'intent-1',
  strategy_id: 'pq_vol_trader_btc',
  symbol: 'BTC/USDT',
  action: 'buy_straddle',
  direction: 'buy',
  quantity: 0.1,
  approved_by: 'auto',
  timestamp: NOW,
  metadata: { intent_type: 'increase_long_gamma' },
  ...over,
});

let service: OptionExecutionService | null = null;
let bus: InMemoryBus | null = null;

afterEach(async () => {
  await service?.close();
  await bus?.close();
});

async function setup(deliverTwice = false) {
  const clock = new FakeClock(Date.parse(NOW));
  const theBus = new InMemoryBus({ clock, deliverTwice });
  const theService = new OptionExecutionService({
    bus: theBus,
    clock,
    config: loadConfig({}),
    log: silentLogger,
    stores: createMemoryStores(theBus),
  });
  await theService.start();
  bus = theBus;
  service = theService;
  return { bus: theBus, clock };
}

// Market data is followed (a tail), which drain() does not wait for
const surfaceSeen = () => vi.waitFor(() => expect(service?.surface('BTC/USDT')).toBeTruthy());

describe('OptionExecutionService', () => {
  describe('when a surface is cached and a command arrives', () => {
    it('publishes one limit order per leg with client ids <intent_id>-0 and -1', async () => {
      const { bus } = await setup();
      await bus.publish('market.vol_surface', testSurface());
      await surfaceSeen();
      await bus.publish('execution.command', command());
      await bus.drain();
      expect(bus.published('order.command').map((o) => [o.client_order_id, o.symbol, o.order_type])).toEqual([
        ['intent-1-0', 'BTC-20260306-100000-C', 'limit'],
        ['intent-1-1', 'BTC-20260306-100000-P', 'limit'],
      ]);
      expect(bus.published('intent.decision')).toEqual([]);
    });

    it('has no second effect for a repeated intent_id, even delivered twice', async () => {
      const { bus } = await setup(true);
      await bus.publish('market.vol_surface', testSurface());
      await surfaceSeen();
      await bus.publish('execution.command', command());
      await bus.publish('execution.command', command());
      await bus.drain();
      expect(bus.published('order.command')).toHaveLength(2);
    });
  });

  describe('when the legs cannot be built', () => {
    it('publishes execution_rejected NO_SURFACE and no order', async () => {
      const { bus } = await setup();
      await bus.publish('execution.command', command());
      await bus.drain();
      expect(bus.published('order.command')).toEqual([]);
      expect(bus.published('intent.decision')).toEqual([
        expect.objectContaining({
          decision_id: 'intent-1:execution_rejected',
          status: 'execution_rejected',
          decided_by: 'option_execution',
          reason_codes: ['NO_SURFACE'],
          approval_mode: 'auto',
        }),
      ]);
    });

    it('rejects a surface that has gone stale', async () => {
      const { bus, clock } = await setup();
      await bus.publish('market.vol_surface', testSurface());
      await surfaceSeen();
      clock.advance(61_000);
      await bus.publish('execution.command', command());
      await bus.drain();
      expect(bus.published('intent.decision')[0]?.reason_codes).toEqual(['SURFACE_STALE']);
    });

    it('uses the latest tick as the forward when the surface has neither forwards nor spot', async () => {
      const { bus } = await setup();
      await bus.publish('market.vol_surface', testSurface({ forwards: null, spot_price: null }));
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT',
        price: 106_000,
        volume: 0,
        bid: null,
        ask: null,
        timestamp: NOW,
        metadata: {},
      });
      await surfaceSeen();
      await vi.waitFor(() => expect(service?.spot('BTC/USDT')).toBe(106_000));
      await bus.publish('execution.command', command());
      await bus.drain();
      expect(bus.published('order.command').map((o) => o.symbol)).toEqual([
        'BTC-20260306-105000-C',
        'BTC-20260306-105000-P',
      ]);
    });
  });
});
