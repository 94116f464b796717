import type { StreamInput } from '@gamma/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock, iso } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createMemoryPeakStore } from '../../stores/peaks/peak-store.ts';
import { createMemoryStores } from '../../stores/stores.ts';
import { RiskService } from './risk-service.ts';
import type { FetchFn } from './sentiment-client.ts';

const fill = (over: Partial<StreamInput<'order.fill'>> = {}): StreamInput<'order.fill'> => ({
  strategy_id: 'delta_hedger_btc',
  order_id: 'paper-i-0',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  quantity: 0.5,
  price: 100_000,
  fee: 25,
  intent_id: 'i',
  client_order_id: 'i-0',
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
  ...over,
});

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('RiskService', () => {
  let bus: InMemoryBus;
  let service: RiskService;
  let clock: FakeClock;

  const start = async (o: { env?: Record<string, string>; fetch?: FetchFn; deliverTwice?: boolean } = {}) => {
    clock = new FakeClock();
    bus = new InMemoryBus({ clock, deliverTwice: o.deliverTwice ?? false });
    const config = loadConfig({ SENTIMENT_API_URLS: '', ONCHAIN_URL: '', ...o.env });
    const peakStore = createMemoryPeakStore();
    service = new RiskService(
      { bus, clock, config, log: silentLogger, stores: { ...createMemoryStores(bus), peaks: peakStore } },
      {
        config: { timers: false },
        fetch: o.fetch ?? (() => Promise.reject(new Error('no network in tests'))),
      },
    );
    await service.start();
    const tick = await bus.publish('market.tick', {
      symbol: 'BTC/USDT',
      price: 100_000,
      bid: 99_990,
      ask: 100_010,
      timestamp: iso(clock.now()),
    });
    await caughtUp('ticks', tick);
    return peakStore;
  };

  // Ticks and fills are followed (tails), which drain() does not wait for: wait until `id` is handled
  const caughtUp = (stream: 'ticks' | 'fills', id: string, by: RiskService = service) =>
    vi.waitFor(() => expect(by.followed()[stream]).toBe(id));

  afterEach(async () => {
    await service.close();
    await bus.close();
  });

  describe('when a fill arrives', () => {
    it('publishes portfolio.risk per configured underlying with the position delta and book metadata', async () => {
      await start();
      await caughtUp('fills', await bus.publish('order.fill', fill()));
      // The fill is booked before its risk is published
      await vi.waitFor(() => expect(bus.published('portfolio.risk')).toHaveLength(2));
      const risk = bus.published('portfolio.risk');
      expect(risk.map((r) => r.underlying)).toEqual(['BTC/USDT', 'ETH/USDT']);
      const btc = risk[0];
      expect(btc?.total_delta).toBeCloseTo(0.5, 12);
      expect(btc?.leverage).toBeCloseTo((0.5 * 100_000) / (100_000 - 25), 9);
      expect(btc?.metadata).toMatchObject({
        cash: 100_000 - 25,
        num_positions: 1,
        net_delta: 0.5,
        delta_usd: 50_000,
        drawdown_pct: 0,
      });
      expect(risk[1]).toMatchObject({ underlying: 'ETH/USDT', total_delta: 0 });
    });
  });

  describe('when every fill is delivered twice', () => {
    it('books each fill once', async () => {
      await start({ deliverTwice: true });
      await caughtUp('fills', await bus.publish('order.fill', fill()));
      expect(service.currentBook().holdings.get('BTC/USDT:USDT')?.quantity).toBe(0.5);
    });
  });

  describe('when the service restarts', () => {
    it('rebuilds the book from order.fill history', async () => {
      await start();
      await caughtUp('fills', await bus.publish('order.fill', fill()));
      await service.close();
      const again = new RiskService(
        {
          bus,
          clock,
          config: loadConfig({ SENTIMENT_API_URLS: '', ONCHAIN_URL: '' }),
          log: silentLogger,
          stores: createMemoryStores(bus),
        },
        { config: { timers: false } },
      );
      await again.start();
      expect(again.currentBook().holdings.get('BTC/USDT:USDT')?.quantity).toBe(0.5);
      const [btc] = await again.publishPortfolioRisk();
      expect(btc?.total_delta).toBeCloseTo(0.5, 12);
      await again.close();
    });
  });

  describe('when the service restarts with a snapshot', () => {
    it('restores the book from the snapshot saved on close plus the fills published after it', async () => {
      await start();
      await service.close(); // the harness's instance would share the consumer group
      const stores = createMemoryStores(bus);
      const make = () =>
        new RiskService(
          {
            bus,
            clock,
            config: loadConfig({ SENTIMENT_API_URLS: '', ONCHAIN_URL: '' }),
            log: silentLogger,
            stores,
          },
          { config: { timers: false } },
        );
      const first = make();
      await first.start();
      const bought = fill({ symbol: 'BTC/USDT', quantity: 1, price: 100_000, fee: 1 });
      await caughtUp('fills', await bus.publish('order.fill', bought), first);
      await first.close();
      const saved = await stores.snapshots.load('risk-service', {
        schema: 1,
        state: z.object({ cash: z.number() }).passthrough(),
      });
      expect(saved.status === 'ok' && saved.snapshot.state.cash).toBe(100_000 - 100_000 - 1);
      const sold = await bus.publish(
        'order.fill',
        fill({ symbol: 'BTC/USDT', side: 'sell', quantity: 0.25, price: 104_000, fee: 1 }),
      );
      const again = make();
      await again.start();
      await caughtUp('fills', sold, again);
      expect(again.currentBook().holdings.get('BTC/USDT')?.quantity).toBe(0.75);
      expect(again.currentBook().cash).toBe(-1 + 26_000 - 1);
      await again.close();
    });
  });

  describe('when equity falls from its peak', () => {
    it('reports and persists the peak and the drawdown', async () => {
      const peaks = await start();
      const bought = fill({ symbol: 'BTC/USDT', quantity: 1, price: 100_000, fee: 0 });
      await caughtUp('fills', await bus.publish('order.fill', bought));
      const tick = { symbol: 'BTC/USDT', price: 90_000, timestamp: iso(clock.now()) };
      await caughtUp('ticks', await bus.publish('market.tick', tick));
      const [btc] = await service.publishPortfolioRisk();
      expect(peaks.value).toBe(100_000);
      expect(btc?.metadata?.total_value).toBe(90_000);
      expect(btc?.metadata?.drawdown_pct).toBeCloseTo(0.1, 12);
    });
  });

  describe('when a fill takes leverage past the limit', () => {
    it('raises a critical leverage alert and a delta alert once', async () => {
      await start();
      await caughtUp('fills', await bus.publish('order.fill', fill({ side: 'sell', quantity: 4, fee: 0 })));
      await vi.waitFor(() => expect(bus.published('risk.alert').length).toBeGreaterThanOrEqual(2));
      const alerts = bus.published('risk.alert');
      expect(alerts.map((a) => [a.alert_type, a.severity])).toEqual(
        expect.arrayContaining([
          ['leverage', 'critical'],
          ['delta', 'warning'],
        ]),
      );
      expect(await service.checkAlerts()).toEqual([]);
    });
  });

  describe('when the macro loop runs with sentiment disabled and no history', () => {
    it('publishes chop 0.6 with null sentiment, vol and FOMO', async () => {
      await start();
      await service.runMacro();
      expect(bus.published('market.macro_state')).toEqual([
        expect.objectContaining({
          symbol: null,
          macro_regime: 'chop',
          sentiment_score: null,
          fomo_score: null,
          realized_vol: null,
        }),
      ]);
    });
  });

  describe('when the tick stream already holds an hour of history at start', () => {
    it('knows the realized vol at its first macro broadcast', async () => {
      clock = new FakeClock();
      bus = new InMemoryBus({ clock });
      const t0 = clock.now();
      for (let m = 0; m <= 30; m++) {
        const price = m % 2 === 0 ? 100_000 : 100_200;
        await bus.publish('market.tick', { symbol: 'BTC/USDT', price, timestamp: iso(t0 + m * 60_000) });
      }
      clock.set(t0 + 31 * 60_000);
      const config = loadConfig({ SENTIMENT_API_URLS: '', ONCHAIN_URL: '' });
      service = new RiskService(
        { bus, clock, config, log: silentLogger, stores: createMemoryStores(bus) },
        {
          config: { timers: false },
          fetch: () => Promise.reject(new Error('offline')),
        },
      );
      await service.start();
      const macro = await service.runMacro();
      expect(macro?.realized_vol).toBeGreaterThan(0);
    });
  });

  describe('when the first sentiment source fails and the second answers', () => {
    it('uses the second, with the SPEC query, and computes FOMO from the realized vol', async () => {
      const urls: string[] = [];
      const fetchFn: FetchFn = async (url) => {
        urls.push(url);
        return url.startsWith('http://a')
          ? jsonResponse(500, {})
          : jsonResponse(200, { weighted_score: 0.5 });
      };
      await start({ env: { SENTIMENT_API_URLS: 'http://a,http://b/' }, fetch: fetchFn });
      let last = '';
      for (let m = 1; m <= 12; m++) {
        clock.advance(60_000);
        const price = m % 2 === 0 ? 100_000 : 100_100;
        await bus.publish('market.tick', { symbol: 'BTC/USDT', price, timestamp: iso(clock.now()) });
        last = await bus.publish('market.tick', {
          symbol: 'BTC/USDT:USDT',
          price,
          timestamp: iso(clock.now()),
          metadata: { funding_rate: 0.0001 },
        });
      }
      await caughtUp('ticks', last);
      const m = await service.runMacro();
      expect(urls).toEqual([
        'http://a/api/v1/sentiment/twitter?query=BTC&max_results=20',
        'http://b/api/v1/sentiment/twitter?query=BTC&max_results=20',
      ]);
      expect(m?.sentiment_score).toBe(0.5);
      expect(m?.realized_vol).toBeGreaterThan(0);
      expect(m?.funding_rate).toBe(0.0001);
      const vol = m?.realized_vol ?? 0;
      expect(m?.fomo_score).toBeCloseTo(Math.min(1, Math.max(0, 0.3 + 0.4 * vol)), 12);
    });
  });
});
