import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import type { MarketSimulatorConfigInput } from './config.ts';
import { createMarketSimulatorService } from './index.ts';
import type { MarketSimulatorService } from './market-simulator.ts';
import { createMemoryStores } from '../../stores/stores.ts';

const T0 = Date.parse('2026-03-02T09:15:00Z');
const running: MarketSimulatorService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function simulator(overrides: MarketSimulatorConfigInput) {
  const clock = new FakeClock(T0);
  const bus = new InMemoryBus({ clock });
  const deps = { bus, clock, config: loadConfig({}), log: silentLogger, stores: createMemoryStores(bus) };
  const service = createMarketSimulatorService(deps, { timers: false, sentimentPort: null, ...overrides });
  running.push(service);
  return { service, bus, clock };
}

describe('MarketSimulatorService start', () => {
  describe('when the tick stream is empty (a fresh start)', () => {
    it('first publishes the seeded warm-up history, in time order, ending at the first live ticks', async () => {
      const { service, bus } = simulator({ warmupMin: 60 });
      await service.start();
      const ticks = bus.published('market.tick');
      expect(ticks).toHaveLength(3600 * 4 + 4);
      expect(ticks[0]?.timestamp).toBe('2026-03-02T08:15:00.000Z');
      expect(ticks[0]?.price).toBe(100_000);
      const times = ticks.map((t) => Date.parse(t.timestamp));
      expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
      expect(ticks.slice(-4).map((t) => t.timestamp)).toEqual(Array(4).fill('2026-03-02T09:15:00.000Z'));
      expect(bus.published('market.vol_surface')).toHaveLength(2);
    });

    it('continues the live path from the end of the history', async () => {
      const { service, bus } = simulator({ warmupMin: 60 });
      await service.start();
      const btc = bus.published('market.tick').filter((t) => t.symbol === 'BTC/USDT');
      const [lastHistory, firstLive] = btc.slice(-2).map((t) => t.price);
      expect(Math.abs(Math.log((firstLive ?? 0) / (lastHistory ?? 1)))).toBeLessThan(0.01);
      expect(firstLive).not.toBe(100_000);
    });

    it('publishes the same history for the same seed', async () => {
      const history = async () => {
        const { service, bus } = simulator({ warmupMin: 5 });
        await service.start();
        return bus.published('market.tick').map((t) => [t.symbol, t.price, t.timestamp]);
      };
      expect(await history()).toEqual(await history());
    });
  });

  describe('when the tick stream already holds ticks (a restart)', () => {
    const previous = (symbol: string, price: number) => ({
      symbol,
      price,
      volume: 12_345,
      bid: null,
      ask: null,
      timestamp: '2026-03-02T09:14:55.000Z',
      metadata: { open: 88_000, high: 88_500, low: 87_000 },
    });

    it('continues each underlying from its last price and publishes no history for it', async () => {
      const { service, bus } = simulator({ warmupMin: 60 });
      for (const t of [
        previous('BTC/USDT', 87_654),
        previous('BTC/USDT:USDT', 87_700),
        previous('ETH/USDT', 2_900),
        previous('ETH/USDT:USDT', 2_901),
      ])
        await bus.publish('market.tick', t);
      await service.start();
      const live = bus.published('market.tick').slice(4);
      // The perpetual keeps its premium over spot: price = spot × (1 + basis), up to rounding
      const rounded = (x: number) => Math.round(x * 1e6) / 1e6;
      expect(live.map((t) => [t.symbol, rounded(t.price), t.timestamp])).toEqual([
        ['BTC/USDT', 87_654, '2026-03-02T09:15:00.000Z'],
        ['BTC/USDT:USDT', 87_700, '2026-03-02T09:15:00.000Z'],
        ['ETH/USDT', 2_900, '2026-03-02T09:15:00.000Z'],
        ['ETH/USDT:USDT', 2_901, '2026-03-02T09:15:00.000Z'],
      ]);
      expect(live[0]?.volume).toBe(12_345);
    });

    it('keeps the price path continuous when stepped', async () => {
      const { service, bus } = simulator({ warmupMin: 0 });
      await bus.publish('market.tick', previous('BTC/USDT', 87_654));
      await service.start();
      await service.step(T0 + 1000);
      const btc = bus.published('market.tick').filter((t) => t.symbol === 'BTC/USDT');
      expect(Math.abs(Math.log((btc.at(-1)?.price ?? 0) / 87_654))).toBeLessThan(0.01);
    });

    describe('when only some underlyings have ticks', () => {
      it('publishes the warm-up history of the others only', async () => {
        const { service, bus } = simulator({ warmupMin: 10 });
        await bus.publish('market.tick', previous('BTC/USDT', 87_654));
        await service.start();
        const history = bus.published('market.tick').slice(1, -4);
        expect(history).toHaveLength(600 * 2);
        expect(new Set(history.map((t) => t.symbol))).toEqual(new Set(['ETH/USDT', 'ETH/USDT:USDT']));
        expect(bus.published('market.tick').at(-4)?.price).toBe(87_654);
      });
    });
  });
});
