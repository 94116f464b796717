import type { VolatilityForecastEvent } from '@gamma/shared';
import { createVolForecast, createVolSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { createRedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { silentLogger } from '../lib/logger.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { startTestServer } from '../testing/start-test-server.ts';
import { testPrefix } from '../testing/test-prefix.ts';

const at = (second: number): string => new Date(Date.UTC(2026, 11, 5, 12, 0, second)).toISOString();
const candidates = [
  { model_version: 'ewma-0.94/1', score: -17.9, predicted_volatility: 0.66 },
  { model_version: 'garch11-mle/1', score: -18.4, predicted_volatility: 0.61 },
];
const forecast = (second: number, horizon: string, vol: number) =>
  createVolForecast({
    forecast_horizon: horizon,
    predicted_volatility: vol,
    model_version: 'garch11-mle/1',
    candidates,
    timestamp: at(second),
  });

describe('the volatility procedures', () => {
  describe('when surfaces and forecasts were on the streams before the gateway started', () => {
    // Two phases around one gateway start (60 s: a start alone can take 25 s on a loaded machine)
    it('serves the latest forecast per horizon with its candidates and the history warmed up, then live', async () => {
      const bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix: testPrefix(), log: silentLogger });
      try {
        await bus.publish('market.vol_surface', createVolSurface({ atm_iv: 0.5, timestamp: at(0) }));
        for (const h of ['7d', '1h', '24h'])
          await bus.publish('strategy.forecast.volatility', forecast(10, h, 0.6));
        await bus.publish('market.vol_surface', createVolSurface({ atm_iv: 0.55, timestamp: at(15) }));
        await using server = await startTestServer({ bus, user: 'viewer' });

        const { trader_horizon, forecasts } = await server.client.market.forecasts.query({
          underlying: 'btc-usdt',
        });
        expect(trader_horizon).toBe('24h');
        expect(forecasts.map((f) => f.forecast_horizon)).toEqual(['1h', '24h', '7d']);
        expect(forecasts[0]?.candidates).toEqual(candidates);
        expect(await server.client.market.volHistory.query({ underlying: 'BTC/USDT' })).toEqual([
          { timestamp: at(0), atm_iv: 0.5, forecasts: {} },
          { timestamp: at(10), atm_iv: 0.5, forecasts: { '1h': 0.6, '24h': 0.6, '7d': 0.6 } },
          { timestamp: at(15), atm_iv: 0.55, forecasts: { '1h': 0.6, '24h': 0.6, '7d': 0.6 } },
        ]);

        await server.bus.publish('market.vol_surface', createVolSurface({ atm_iv: 0.58, timestamp: at(20) }));
        await expect
          .poll(async () =>
            (await server.client.market.volHistory.query({ underlying: 'BTC/USDT', limit: 2 })).map(
              (p) => p.atm_iv,
            ),
          )
          .toEqual([0.55, 0.58]);
      } finally {
        await bus.close();
      }
    }, 60_000);
  });

  describe('when nothing is known of the underlying, or the limit is out of bounds', () => {
    it('answers empty lists, and refuses the limit with BAD_REQUEST', async () => {
      await using server = await startTestServer({ user: 'viewer' });
      expect(await server.client.market.forecasts.query({ underlying: 'SOL/USDT' })).toEqual({
        trader_horizon: '24h',
        forecasts: [],
      });
      expect(await server.client.market.volHistory.query({ underlying: 'not an underlying' })).toEqual([]);
      await expect(
        server.client.market.volHistory.query({ underlying: 'BTC/USDT', limit: 1001 }),
      ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    });
  });

  describe('when a viewer subscribes to onForecast', () => {
    it('receives each forecast with its candidates', async () => {
      await using server = await startTestServer({ user: 'viewer' });
      const seen: VolatilityForecastEvent[] = [];
      const subscription = server.client.onForecast.subscribe(
        { lastEventId: '0-0' },
        { onData: ({ data }) => seen.push(data) },
      );
      await server.bus.publish('strategy.forecast.volatility', forecast(0, '24h', 0.61));
      await expect.poll(() => seen.map((f) => f.candidates)).toEqual([candidates]);
      subscription.unsubscribe();
    });
  });
});
