import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bus } from '../../bus/bus.ts';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock } from '../../lib/clock.ts';
import { createLogger, silentLogger, type Logger } from '../../lib/logger.ts';
import type { MarketSimulatorConfigInput } from './config.ts';
import { createMarketSimulatorService } from './index.ts';
import type { MarketSimulatorService } from './market-simulator.ts';
import { createMemoryStores } from '../../stores/stores.ts';

const T0 = Date.parse('2026-03-02T09:15:00Z');
const running: MarketSimulatorService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function simulator(overrides: MarketSimulatorConfigInput = {}, log: Logger = silentLogger) {
  const clock = new FakeClock(T0);
  const bus = new InMemoryBus({ clock });
  const deps = { bus, clock, config: loadConfig({}), log, stores: createMemoryStores(bus) };
  const service = createMarketSimulatorService(deps, {
    timers: false,
    sentimentPort: null,
    warmupMin: 0,
    ...overrides,
  });
  running.push(service);
  return { service, bus, clock };
}

describe('MarketSimulatorService', () => {
  describe('when it starts', () => {
    it('publishes a spot and a perpetual tick and a surface per underlying at once', async () => {
      const { service, bus } = simulator();
      await service.start();
      expect(bus.published('market.tick').map((t) => t.symbol)).toEqual([
        'BTC/USDT',
        'BTC/USDT:USDT',
        'ETH/USDT',
        'ETH/USDT:USDT',
      ]);
      expect(bus.published('market.vol_surface').map((s) => s.underlying)).toEqual(['BTC/USDT', 'ETH/USDT']);
    });
  });

  describe('when stepped', () => {
    it('publishes ticks stamped with the step time', async () => {
      const { service, bus } = simulator();
      await service.start();
      await service.step(T0 + 1000);
      const ticks = bus.published('market.tick');
      expect(ticks).toHaveLength(8);
      expect(ticks.at(-1)?.timestamp).toBe('2026-03-02T09:15:01.000Z');
    });

    it('reproduces the same prices for the same seed', async () => {
      const prices = async (seed: number) => {
        const { service, bus } = simulator({ seed });
        await service.start();
        for (let i = 1; i <= 20; i += 1) await service.step(T0 + i * 1000);
        return bus.published('market.tick').map((t) => t.price);
      };
      expect(await prices(42)).toEqual(await prices(42));
      expect(await prices(43)).not.toEqual(await prices(42));
    });
  });

  describe('when started at a configured sim time', () => {
    it('stamps the first messages with that time', async () => {
      const { service, bus } = simulator({ startTimeMs: Date.parse('2026-05-01T00:00:00Z') });
      await service.start();
      expect(bus.published('market.tick')[0]?.timestamp).toBe('2026-05-01T00:00:00.000Z');
      expect(bus.published('market.vol_surface')[0]?.atm_expiry).toBe('2026-05-02');
    });
  });

  describe('sentiment HTTP server', () => {
    it('answers GET /api/v1/sentiment/twitter in the original shape', async () => {
      const { service } = simulator({ sentimentPort: 0 });
      await service.start();
      const res = await fetch(
        `http://127.0.0.1:${service.sentimentPort}/api/v1/sentiment/twitter?query=BTC&max_results=20`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.tweets_analyzed).toBe(20);
      expect(['positive', 'negative', 'neutral']).toContain(body.overall_sentiment);
      expect(Math.abs(Number(body.weighted_score))).toBeLessThanOrEqual(1);
    });

    it('rejects a missing query and an unknown coin with a clear error', async () => {
      const { service } = simulator({ sentimentPort: 0 });
      await service.start();
      const base = `http://127.0.0.1:${service.sentimentPort}/api/v1/sentiment/twitter`;
      const missing = await fetch(base);
      const unknown = await fetch(`${base}?query=DOGE`);
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ error: 'query is required, e.g. ?query=BTC' });
      expect(unknown.status).toBe(404);
    });

    it('answers GET /api/v1/onchain/activity with a simulated index near 100', async () => {
      const { service } = simulator({ sentimentPort: 0 });
      await service.start();
      const base = `http://127.0.0.1:${service.sentimentPort}/api/v1/onchain/activity`;
      const res = await fetch(`${base}?asset=btc`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ asset: 'BTC', timestamp: new Date(T0).toISOString() });
      expect(Number(body.activity_index)).toBeGreaterThan(50);
      expect(Number(body.activity_index)).toBeLessThan(200);
      expect((await fetch(base)).status).toBe(400);
      expect((await fetch(`${base}?asset=DOGE`)).status).toBe(404);
    });

    describe('when the port is in use', () => {
      it('warns and keeps simulating without the server', async () => {
        const blocker = createServer();
        await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
        const port = (blocker.address() as AddressInfo).port;
        const warnings: string[] = [];
        const log = { ...createLogger('silent'), warn: (msg: string) => void warnings.push(msg) };
        try {
          const { service, bus } = simulator({ sentimentPort: port }, log);
          await service.start();
          expect(service.sentimentPort).toBeNull();
          expect(warnings.some((w) => w.includes('sentiment server not started'))).toBe(true);
          await service.step(T0 + 1000);
          expect(bus.published('market.tick')).toHaveLength(8);
        } finally {
          await new Promise((resolve) => blocker.close(resolve));
        }
      });
    });
  });

  describe('when closed while a timer step is publishing', () => {
    it('waits for that step before resolving and starts no new one', async () => {
      vi.useFakeTimers();
      try {
        const events: string[] = [];
        const inner = new InMemoryBus();
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let gated = false;
        const bus = {
          ...inner,
          latest: inner.latest.bind(inner),
          publish: async (...args: Parameters<Bus['publish']>) => {
            if (gated) await gate;
            events.push(`publish ${args[0]}`);
            return inner.publish(...args);
          },
        } as unknown as Bus;
        const clock = new FakeClock(T0);
        const deps = {
          bus,
          clock,
          config: loadConfig({}),
          log: silentLogger,
          stores: createMemoryStores(bus),
        };
        const service = createMarketSimulatorService(deps, {
          sentimentPort: null,
          tickIntervalMs: 1000,
          warmupMin: 0,
        });
        await service.start();
        events.length = 0;
        gated = true;
        clock.advance(1000);
        vi.advanceTimersByTime(1000);
        const closing = service.close().then(() => events.push('closed'));
        release();
        await closing;
        vi.advanceTimersByTime(10_000);
        expect(events).toEqual([...Array.from({ length: 4 }, () => 'publish market.tick'), 'closed']);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
