import { VolatilityForecastEventSchema } from '@gamma/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock, iso } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { VolForecasterConfigSchema } from './config.ts';
import type { Garch11Fitter } from './core/garch-fit.ts';
import { createVolForecasterService } from './index.ts';
import { VolForecasterService } from './vol-forecaster.ts';
import { createMemoryStores } from '../../stores/stores.ts';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const running: VolForecasterService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function forecaster(fitter: Garch11Fitter | null = null, deliverTwice = false) {
  const clock = new FakeClock(T0);
  const bus = new InMemoryBus({ clock, deliverTwice });
  const deps = { bus, clock, config: loadConfig({}), log: silentLogger, stores: createMemoryStores(bus) };
  const service = new VolForecasterService(deps, VolForecasterConfigSchema.parse({ timers: false }), fitter);
  running.push(service);
  return { service, bus, clock };
}

/** Waits until the service has followed every tick published (a tail, which drain() does not wait for). */
async function caughtUp(service: VolForecasterService, bus: InMemoryBus): Promise<void> {
  const newest = (await bus.latest('market.tick', 1))[0]?.id ?? '0-0';
  await vi.waitFor(() => expect(service.followedTick()).toBe(newest));
}

/** A zig-zag price path: one tick per 5 s bar (bars + 1 ticks, so bars − 1 completed returns), ±0.1 % each. */
async function publishTicks(bus: InMemoryBus, symbol: string, bars: number): Promise<void> {
  for (let i = 0; i <= bars; i += 1) {
    const price = 100_000 * Math.exp(i % 2 === 0 ? 0 : 0.001);
    await bus.publish('market.tick', { symbol, price, timestamp: iso(T0 + i * 5000) });
  }
}

describe('VolForecasterService', () => {
  describe('when fewer than FORECAST_MIN_RETURNS returns exist', () => {
    it('publishes nothing', async () => {
      const { service, bus } = forecaster();
      await service.start();
      await publishTicks(bus, 'BTC/USDT', 15);
      await caughtUp(service, bus);
      await service.publishForecasts(T0 + 100_000);
      expect(bus.published('strategy.forecast.volatility')).toEqual([]);
    });
  });

  describe('when enough spot ticks arrived', () => {
    it('publishes a valid forecast per horizon with the EWMA model', async () => {
      const { service, bus } = forecaster();
      await service.start();
      await publishTicks(bus, 'BTC/USDT', 40);
      await caughtUp(service, bus);
      await service.publishForecasts(T0 + 300_000);
      const forecasts = bus.published('strategy.forecast.volatility');
      expect(forecasts.map((f) => f.forecast_horizon)).toEqual(['1h', '24h', '7d']);
      for (const f of forecasts) {
        expect(VolatilityForecastEventSchema.safeParse(f).success).toBe(true);
        expect(f).toMatchObject({ underlying: 'BTC/USDT', model_version: 'ewma-0.94/1' });
        expect(f.metadata).toMatchObject({ n_returns: 39, bar_seconds: 5 });
        // Every return is ±0.1 %, so EWMA sits at 1e-6 per bar
        expect(f.predicted_volatility).toBeCloseTo(Math.sqrt((1e-6 * (365 * 86_400)) / 5), 6);
      }
    });
  });

  describe('when ticks are delivered twice', () => {
    it('counts each bar once', async () => {
      const { service, bus } = forecaster(null, true);
      await service.start();
      await publishTicks(bus, 'BTC/USDT', 40);
      await caughtUp(service, bus);
      expect(service.returnsSeen('BTC/USDT')).toBe(39);
    });
  });

  describe('when ticks of perpetuals and unknown symbols arrive', () => {
    it('ignores them', async () => {
      const { service, bus } = forecaster();
      await service.start();
      await publishTicks(bus, 'BTC/USDT:USDT', 40);
      await publishTicks(bus, 'DOGE/USDT', 40);
      await caughtUp(service, bus);
      await service.publishForecasts(T0 + 300_000);
      expect(bus.published('strategy.forecast.volatility')).toEqual([]);
    });
  });

  describe('when 200 returns exist', () => {
    it('fits each GARCH variant once, not on every forecast, and names the chosen model', async () => {
      const fits = { mle: 0, vt: 0 };
      const fitter: Garch11Fitter = (_r, o) => {
        fits[o?.varianceTargeting === true ? 'vt' : 'mle'] += 1;
        return { omega: 0.05, alpha: 0.05, beta: 0.9, logLikelihood: 0 };
      };
      const { service, bus } = forecaster(fitter);
      await service.start();
      await publishTicks(bus, 'BTC/USDT', 260);
      await caughtUp(service, bus);
      await service.publishForecasts(T0 + 1_400_000);
      await service.publishForecasts(T0 + 1_410_000);
      expect(fits).toEqual({ mle: 1, vt: 1 });
      const versions = new Set(bus.published('strategy.forecast.volatility').map((f) => f.model_version));
      const candidates = ['ewma-0.94/1', 'garch11-mle/1', 'garch11-vt/1'];
      expect([...versions].every((v) => candidates.includes(v))).toBe(true);
    });
  });
});

describe('VolForecasterService with several ticks per bar', () => {
  /** Five ticks a second apart per 5 s bar, a seeded random walk of ±0.05 % steps. */
  async function publishWalk(bus: InMemoryBus, bars: number): Promise<void> {
    let logPrice = Math.log(100_000);
    for (let i = 0; i < bars * 5 + 1; i += 1) {
      const x = Math.sin(i * 78.233) * 43_758.5453;
      logPrice += (x - Math.floor(x) < 0.5 ? -1 : 1) * 5e-4;
      await bus.publish('market.tick', {
        symbol: 'BTC/USDT',
        price: Math.exp(logPrice),
        timestamp: iso(T0 + i * 1000),
      });
    }
  }

  describe('when enough bars for HAR-RV exist', () => {
    it('publishes range vols, every candidate’s loss and forecast, and the winner’s features', async () => {
      const { service, bus } = forecaster();
      await service.start();
      await publishWalk(bus, 500);
      await caughtUp(service, bus);
      await service.publishForecasts(T0 + 2_600_000);
      const forecasts = bus.published('strategy.forecast.volatility');
      expect(forecasts).toHaveLength(3);
      for (const f of forecasts) {
        expect(VolatilityForecastEventSchema.safeParse(f).success).toBe(true);
        const m = f.metadata as Record<string, unknown>;
        expect(m.realized_vol_parkinson).toBeGreaterThan(0);
        expect(m.realized_vol_garman_klass).toBeGreaterThan(0);
        expect(m.realized_vol).toBeGreaterThan(0);
        const losses = m.model_losses as Record<string, number | null>;
        expect(Object.keys(losses).sort()).toEqual(['ewma-0.94/1', 'har-rv/1']);
        expect(losses['har-rv/1']).toSatisfy(Number.isFinite);
        expect(['ewma-0.94/1', 'har-rv/1']).toContain(f.model_version);
        const candidates = f.candidates ?? [];
        expect(candidates.map((c) => [c.model_version, c.score])).toEqual(Object.entries(losses));
        const chosen = candidates.find((c) => c.model_version === f.model_version);
        expect(chosen?.predicted_volatility).toBe(f.predicted_volatility);
        expect(f.features_used).toEqual(
          f.model_version === 'har-rv/1'
            ? ['log_returns_5s', 'rv_60s', 'rv_60s_mean_5', 'rv_60s_mean_22']
            : ['log_returns_5s'],
        );
      }
    });
  });

  describe('when every bar has a single tick', () => {
    it('reports no range vols', async () => {
      const { service, bus } = forecaster();
      await service.start();
      await publishTicks(bus, 'BTC/USDT', 40);
      await caughtUp(service, bus);
      await service.publishForecasts(T0 + 300_000);
      expect(bus.published('strategy.forecast.volatility')).toHaveLength(3);
      for (const f of bus.published('strategy.forecast.volatility')) {
        expect(f.metadata).toMatchObject({ realized_vol_parkinson: null, realized_vol_garman_klass: null });
      }
    });
  });
});

describe('VolForecasterService warm-up', () => {
  describe('when ticks are already on the stream at start', () => {
    it('replays them and can forecast at once', async () => {
      const clock = new FakeClock(T0);
      const bus = new InMemoryBus({ clock });
      await publishTicks(bus, 'BTC/USDT', 40);
      const deps = { bus, clock, config: loadConfig({}), log: silentLogger, stores: createMemoryStores(bus) };
      const service = new VolForecasterService(
        deps,
        VolForecasterConfigSchema.parse({ timers: false }),
        null,
      );
      running.push(service);
      await service.start();
      await service.publishForecasts(T0 + 300_000);
      expect(bus.published('strategy.forecast.volatility')).toHaveLength(3);
    });
  });
});

describe('createVolForecasterService', () => {
  describe('with the quant core GARCH fit and 300 GARCH-like returns', () => {
    it('publishes valid forecasts for every horizon', async () => {
      const clock = new FakeClock(T0);
      const bus = new InMemoryBus({ clock });
      const deps = { bus, clock, config: loadConfig({}), log: silentLogger, stores: createMemoryStores(bus) };
      const service = createVolForecasterService(deps, { timers: false });
      running.push(service);
      await service.start();
      // GARCH(1,1) path with omega 1e-9, alpha 0.1, beta 0.85, driven by a fixed pseudo-random sequence
      let variance = 2e-8;
      let logPrice = Math.log(100_000);
      for (let i = 0; i <= 301; i += 1) {
        const x = Math.sin(i * 12.9898) * 43_758.5453;
        // Uniform on (−√3, √3): mean 0, variance 1
        const z = Math.sqrt(3) * (2 * (x - Math.floor(x)) - 1);
        const r = Math.sqrt(variance) * z;
        variance = 1e-9 + 0.1 * r * r + 0.85 * variance;
        logPrice += r;
        await bus.publish('market.tick', {
          symbol: 'BTC/USDT',
          price: Math.exp(logPrice),
          timestamp: iso(T0 + i * 5000),
        });
      }
      await caughtUp(service, bus);
      await service.publishForecasts(T0 + 1_600_000);
      const forecasts = bus.published('strategy.forecast.volatility');
      expect(forecasts).toHaveLength(3);
      for (const f of forecasts) {
        expect(VolatilityForecastEventSchema.safeParse(f).success).toBe(true);
        expect(['ewma-0.94/1', 'garch11-mle/1', 'garch11-vt/1']).toContain(f.model_version);
        expect(f.metadata).toMatchObject({ n_returns: 300 });
      }
    });
  });
});
