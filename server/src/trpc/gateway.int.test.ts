import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createIntentDecision,
  createMacroState,
  createOrderFill,
  createPortfolioRisk,
  createStrategyIntent,
  createVolForecast,
  createVolSurface,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.ts';
import { startTestServer } from '../testing/start-test-server.ts';

describe('gateway over HTTP', () => {
  describe('when asked for health through the client', () => {
    it('reports ok, Redis up and the version', async () => {
      await using server = await startTestServer();
      expect(await server.client.health.query()).toEqual({
        status: 'ok',
        redis: 'up',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      });
    });
  });

  describe('when the console asks for the desk configuration', () => {
    it('serves the FOMO gate and the delta threshold and hedge instrument of each underlying', async () => {
      await using server = await startTestServer({
        env: { PQ_MAX_FOMO_SCORE: '0.65', STRATEGY_DELTA_HEDGER_ETH_DELTA_THRESHOLD: '0.4' },
      });
      const config = await server.client.config.query();
      expect(config.max_fomo_score).toBe(0.65);
      expect(config.underlyings).toMatchObject([
        { underlying: 'BTC/USDT', delta_threshold: 0.05, hedge_instrument: 'BTC/USDT:USDT' },
        { underlying: 'ETH/USDT', delta_threshold: 0.4, hedge_instrument: 'ETH/USDT:USDT' },
      ]);
      expect(config.underlyings[1]?.greek_limits).toEqual({
        delta: 20,
        gamma: 0.13,
        vega_usd: 2000,
        short_theta_usd: 1000,
      });
    });
  });

  describe('when a plain HTTP client (curl) GETs /trpc/health', () => {
    it('answers plain JSON without a transformer', async () => {
      await using server = await startTestServer();
      const response = await fetch(`${server.url}/trpc/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        result: { data: { status: 'ok', redis: 'up', version: expect.any(String) } },
      });
      const healthz = await fetch(`${server.url}/healthz`);
      expect(await healthz.json()).toMatchObject({ status: 'ok', redis: 'up' });
    });
  });

  describe('when P, Q, the trader intent and macro state are on the streams', () => {
    it('serves the pq-spread view over tRPC and the REST alias alike', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      const intent = createStrategyIntent({ strategy_id: 'pq_vol_trader_btc' });
      await server.bus.publish('market.vol_surface', createVolSurface({ atm_iv: 0.65 }));
      await server.bus.publish(
        'strategy.forecast.volatility',
        createVolForecast({ predicted_volatility: 0.72 }),
      );
      await server.bus.publish('strategy.intent', intent);
      await server.bus.publish(
        'market.macro_state',
        createMacroState({ macro_regime: 'chop', fomo_score: 0.2 }),
      );

      await expect
        .poll(async () => (await server.client.market.pqSpread.query({ underlying: 'BTC/USDT' }))?.fomo_score)
        .toBe(0.2);
      const view = await server.client.market.pqSpread.query({ underlying: 'BTC/USDT' });
      // The REST alias follows the role table like market.pqSpread: any signed-in user
      const viewer = await server.createClient({ user: 'viewer' });
      const headers = { cookie: viewer.cookie() ?? '' };
      const dashed = await fetch(`${server.url}/api/v1/options/pq-spread/BTC-USDT`, { headers });
      const encoded = await fetch(`${server.url}/api/v1/options/pq-spread/BTC%2FUSDT`, { headers });
      const unknown = await fetch(`${server.url}/api/v1/options/pq-spread/DOGE-USDT`, { headers });
      const anonymous = await fetch(`${server.url}/api/v1/options/pq-spread/BTC-USDT`);

      expect(view).toMatchObject({
        underlying: 'BTC/USDT',
        p_vol: 0.65,
        q_vol: 0.72,
        signal: 'buy_volatility',
        intent_id: intent.intent_id,
        macro_regime: 'chop',
        forecast_horizon: '24h',
      });
      expect(view?.spread).toBeCloseTo(0.07, 10);
      expect(await dashed.json()).toEqual(view);
      expect(await encoded.json()).toEqual(view);
      expect(unknown.status).toBe(404);
      expect(anonymous.status).toBe(401);
      expect(await server.client.market.pqSpread.query({ underlying: 'DOGE/USDT' })).toBeNull();
      expect((await server.client.market.volSurface.query({ underlying: 'BTC-USDT' }))?.atm_iv).toBe(0.65);
    });
  });

  describe('when intents, decisions and fills are on the streams', () => {
    it('lists recent intents with status and explains their chain', async () => {
      await using server = await startTestServer();
      const held = createStrategyIntent({
        action: 'hold',
        direction: null,
        quantity: 0,
        intent_type: 'hold',
      });
      const spot = createStrategyIntent({ strategy_id: 'grid_btc', action: 'buy', symbol: 'BTC/USDT' });
      await server.bus.publish('strategy.intent', held);
      await server.bus.publish('strategy.intent', spot);
      await server.bus.publish(
        'intent.decision',
        createIntentDecision({ intent_id: spot.intent_id, status: 'approved', decided_by: 'auto' }),
      );
      await server.bus.publish('order.command', {
        strategy_id: 'grid_btc',
        symbol: 'BTC/USDT',
        side: 'buy',
        quantity: 0.1,
        intent_id: spot.intent_id,
        client_order_id: `${spot.intent_id}-0`,
        order_type: 'market',
        price: null,
        command: 'create',
        order_id: null,
        timestamp: '2026-03-02T09:15:05.000Z',
        metadata: {},
      });
      await server.bus.publish(
        'order.fill',
        createOrderFill({ intent_id: spot.intent_id, client_order_id: `${spot.intent_id}-0` }),
      );

      await expect
        .poll(async () => (await server.client.intents.recent.query({ limit: 10 })).map((r) => r.status))
        .toEqual(['filled', 'hold']);
      const { nodes: chain, hops } = await server.client.intents.explain.query({ intent_id: spot.intent_id });
      const missing = server.client.intents.explain.query({ intent_id: 'nope' });

      expect(chain.map((n) => n.stream)).toEqual([
        'strategy.intent',
        'intent.decision',
        'order.command',
        'order.fill',
      ]);
      expect(hops.map((h) => `${h.from} → ${h.to}`)).toEqual([
        'intent → decision:approved',
        `decision:approved → order:${spot.intent_id}-0`,
        `order:${spot.intent_id}-0 → fill:${spot.intent_id}-0`,
      ]);
      await expect(missing).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
      expect(await server.client.intents.recent.query({ underlying: 'ETH/USDT' })).toEqual([]);
    });
  });

  describe('when portfolio risk, macro states and alerts are on the streams', () => {
    it('serves them with hedge status, history and newest alerts first', async () => {
      await using server = await startTestServer({ env: { DELTA_THRESHOLD: '0.05' } });
      await server.bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ underlying: 'BTC/USDT', total_delta: 0.3 }),
      );
      await server.bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ underlying: 'ETH/USDT', total_delta: -0.01 }),
      );
      await server.bus.publish('market.macro_state', createMacroState({ regime_score: 0.1 }));
      await server.bus.publish('market.macro_state', createMacroState({ regime_score: 0.2 }));
      for (const value of [1, 2]) {
        await server.bus.publish('risk.alert', {
          strategy_id: 'global',
          alert_type: 'leverage',
          severity: 'critical',
          message: `leverage ${value}`,
          current_value: value,
          threshold_value: 3,
          timestamp: '2026-03-02T09:15:04.120Z',
          metadata: {},
        });
      }

      await expect.poll(async () => (await server.client.risk.alerts.query()).length).toBe(2);
      const portfolio = await server.client.risk.portfolio.query();

      expect(portfolio.map((p) => [p.event.underlying, p.hedge_status])).toEqual([
        ['BTC/USDT', 'long_delta'],
        ['ETH/USDT', 'well_hedged'],
      ]);
      expect((await server.client.risk.alerts.query()).map((a) => a.current_value)).toEqual([2, 1]);
      expect((await server.client.macro.latest.query())?.regime_score).toBe(0.2);
      expect((await server.client.macro.history.query()).map((m) => m.regime_score)).toEqual([0.1, 0.2]);
    });
  });

  describe('when a consumer group lags behind a stream', () => {
    it('reports length, lag, pending and delay per group', async () => {
      await using server = await startTestServer();
      const received: string[] = [];
      const subscription = server.bus.subscribe('strategy.intent', 'monitor-test', (m) => {
        received.push(m.intent_id);
      });
      await server.bus.publish('strategy.intent', createStrategyIntent());
      await expect.poll(() => received.length).toBe(1);
      await subscription.close();
      await server.bus.publish('strategy.intent', createStrategyIntent());

      const streams = await server.client.monitoring.streams.query();
      const intents = streams.find((s) => s.stream === 'strategy.intent');

      expect(streams.map((s) => s.stream)).toContain('market.macro_state');
      expect(intents).toMatchObject({ exists: true, length: 2, last_entry_id: expect.stringMatching(/-/) });
      expect(intents?.groups).toEqual([
        expect.objectContaining({ name: 'monitor-test', pending: 0, lag: 1, delay_ms: expect.any(Number) }),
      ]);
    });
  });

  describe('when the console is built', () => {
    it('serves its files, falls back to index.html for page routes, and stays inside the folder', async () => {
      const dist = await mkdtemp(join(tmpdir(), 'gamma-dist-'));
      try {
        await mkdir(join(dist, 'assets'));
        await writeFile(join(dist, 'index.html'), '<!doctype html><title>Gamma</title>');
        await writeFile(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
        await using server = await startTestServer({ env: { WEB_DIST_DIR: dist } });

        const index = await fetch(`${server.url}/`);
        const page = await fetch(`${server.url}/intents/abc`);
        const asset = await fetch(`${server.url}/assets/app-1234.js`);
        const missing = await fetch(`${server.url}/assets/nope.js`);
        const escape = await fetch(`${server.url}/..%2F..%2Fetc%2Fpasswd`);

        expect(await index.text()).toContain('<title>Gamma</title>');
        expect(index.headers.get('content-type')).toMatch(/text\/html/);
        expect(await page.text()).toContain('<title>Gamma</title>');
        expect(asset.headers.get('content-type')).toMatch(/javascript/);
        expect(asset.headers.get('cache-control')).toMatch(/immutable/);
        expect(missing.status).toBe(404);
        expect(escape.status).toBe(404);
      } finally {
        await rm(dist, { recursive: true, force: true });
      }
    });
  });
});
