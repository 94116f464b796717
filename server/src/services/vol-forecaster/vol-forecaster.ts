import type { StreamMessage } from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import type { Service, ServiceDeps } from '../service.ts';
import { followStream } from '../follow-stream.ts';
import { PartitionLeases } from '../partition-leases.ts';
import type { VolForecasterConfig } from './config.ts';
import { addTick, emptyBars, type BarRules, type BarState } from './core/bars.ts';
import {
  chooseModel,
  ewmaView,
  forecastHorizons,
  GARCH_VERSIONS,
  garchView,
  type ForecastRules,
  type GarchFit,
} from './core/forecast.ts';
import { fitGarch, type Garch11Fitter } from './core/garch-fit.ts';
import { harView, type HarRules } from './core/har-view.ts';
import { rangeVolsOf } from './core/range-vol.ts';

/** GARCH state per underlying: the current fits (plain MLE, variance-targeted) and when a fit was last tried. */
interface GarchSlot {
  mle: GarchFit | null;
  vt: GarchFit | null;
  triedAt: number;
}

const noGarch: GarchSlot = { mle: null, vt: null, triedAt: -Infinity };

/**
 * Builds OHLC bars and bar returns from spot ticks (group `vol-forecaster` on `market.tick`) and
 * publishes a volatility forecast per underlying and horizon every interval (SPEC §8.3). Candidates:
 * EWMA, GARCH(1,1) by MLE (`garch11-mle/1`) and with variance targeting (`garch11-vt/1`), both refit
 * every `refitEveryReturns`, and HAR-RV on `harBlockSeconds` blocks (`har-rv/1`); the one with the
 * lowest QLIKE over the newest `evaluationWindow` returns (out of sample) wins. The metadata carries
 * close-to-close, Parkinson and Garman–Klass realized vol and every candidate's loss.
 */
export class VolForecasterService implements Service {
  readonly name = 'vol-forecaster';
  private readonly bars = new Map<string, BarState>();
  private readonly garch = new Map<string, GarchSlot>();
  private readonly barRules: BarRules;
  private readonly rules: ForecastRules;
  private readonly harRules: HarRules;
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  /** Which underlyings this process forecasts, among the service's processes */
  private partitions: PartitionLeases | null = null;
  private ticksAt = '0-0';

  constructor(
    private readonly deps: ServiceDeps,
    private readonly config: VolForecasterConfig,
    private readonly fitter: Garch11Fitter | null,
  ) {
    this.barRules = {
      barMs: config.barSeconds * 1000,
      maxGapBars: config.maxGapBars,
      maxReturns: config.maxReturns,
    };
    this.rules = {
      barSeconds: config.barSeconds,
      lambda: config.lambda,
      evaluationWindow: config.evaluationWindow,
      realizedWindow: config.realizedWindow,
    };
    this.harRules = {
      barSeconds: config.barSeconds,
      blockBars: Math.max(1, Math.round(config.harBlockSeconds / config.barSeconds)),
      medium: config.harMedium,
      long: config.harLong,
      evaluationWindow: config.evaluationWindow,
    };
    if (!fitter) deps.log.info('no GARCH fitter given: forecasting with EWMA only');
  }

  /**
   * Replays recent ticks (warm-up), follows new ones from there (every process sees every tick: README,
   * "Scaling"), takes its share of the underlyings' leases and starts the forecast timer.
   */
  async start(): Promise<void> {
    const { bus, log, stores, clock, config } = this.deps;
    const after = await this.warmUp();
    this.subscription = followStream(bus, 'market.tick', {
      log,
      after,
      handle: (m, e) => {
        this.handleMarketTick(m);
        this.ticksAt = e.id;
      },
    });
    this.partitions = new PartitionLeases(
      { leases: stores.leases, clock, log },
      {
        group: 'vol-forecaster',
        parts: this.config.underlyings,
        ttlMs: config.process.leaseTtlMs,
      },
    );
    await this.partitions.start();
    if (this.config.timers) {
      this.timer = setInterval(() => this.onTimer(), this.config.intervalS * 1000);
    }
  }

  /** Adds a spot tick of a forecast underlying to its bars; other symbols are not inputs. */
  handleMarketTick(tick: StreamMessage<'market.tick'>): void {
    if (!this.config.underlyings.includes(tick.symbol)) return;
    const { state, outcome } = addTick(this.bars.get(tick.symbol) ?? emptyBars, this.barRules, {
      price: tick.price,
      ms: Date.parse(tick.timestamp),
    });
    if (outcome === 'stale') {
      this.deps.log.debug('tick older than the current bar ignored', {
        symbol: tick.symbol,
        at: tick.timestamp,
      });
    }
    this.bars.set(tick.symbol, state);
  }

  /**
   * Publishes the 1h, 24h and 7d forecasts of every underlying with enough returns that this process holds
   * (every one before start); each process keeps the bars of all, so a lease that moves forecasts at once.
   */
  async publishForecasts(nowMs: number = this.deps.clock.now()): Promise<void> {
    const timestamp = new Date(nowMs).toISOString();
    const owned = this.partitions?.owned();
    for (const underlying of this.config.underlyings) {
      if (owned && !owned.has(underlying)) continue;
      const bars = this.bars.get(underlying);
      if (!bars || bars.returns.length < this.config.minReturns) continue;
      const fits = this.refitIfDue(underlying, bars);
      const candidates = [
        ewmaView(bars.returns, this.rules),
        fits.mle ? garchView(bars, fits.mle, this.rules) : null,
        fits.vt ? garchView(bars, fits.vt, this.rules) : null,
        harView(bars.returns, this.harRules),
      ] as const;
      const model = chooseModel(...candidates);
      const range = rangeVolsOf(bars.ohlc, this.config.realizedWindow, this.config.barSeconds);
      for (const f of forecastHorizons(bars.returns, model, { ...this.rules, range, candidates })) {
        await this.deps.bus.publish('strategy.forecast.volatility', { underlying, timestamp, ...f });
      }
    }
  }

  /** The newest `market.tick` entry this process has followed (tests, monitoring). */
  followedTick(): string {
    return this.ticksAt;
  }

  /** Returns ever seen for an underlying (tests, monitoring). */
  returnsSeen(underlying: string): number {
    return this.bars.get(underlying)?.total ?? 0;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // A forecast run already started finishes before the bus may be closed
    await this.inFlight;
    await this.subscription?.close();
    this.subscription = null;
    await this.partitions?.close();
    this.partitions = null;
  }

  // Returns the newest tick id read (where following starts), null to follow from now
  private async warmUp(): Promise<string | null> {
    if (this.config.warmupTicks === 0) return null;
    try {
      const entries = await this.deps.bus.latest('market.tick', this.config.warmupTicks);
      const newest = entries[0]?.id ?? '0-0';
      // Newest first from the bus; bars need them oldest first
      for (const entry of entries.reverse()) this.handleMarketTick(entry.message);
      this.deps.log.info('vol forecaster warmed up from recent ticks', { entries: entries.length });
      return newest;
    } catch (err) {
      this.deps.log.warn('warm-up from recent ticks failed; starting empty', { error: String(err) });
      return null;
    }
  }

  /** Refits both GARCH variants on the returns before the evaluation window when due. */
  private refitIfDue(underlying: string, bars: BarState): GarchSlot {
    const slot = this.garch.get(underlying) ?? noGarch;
    const due = bars.total - slot.triedAt >= this.config.refitEveryReturns;
    const fitter = this.fitter;
    if (!fitter || bars.returns.length < this.config.garchMinReturns || !due) return slot;
    const training = bars.returns
      .slice(0, bars.returns.length - this.config.evaluationWindow)
      .slice(-this.config.garchMaxReturns);
    const trainedThrough = bars.total - this.config.evaluationWindow;
    const refit = (varianceTargeting: boolean, previous: GarchFit | null): GarchFit | null => {
      const model = varianceTargeting ? GARCH_VERSIONS.vt : GARCH_VERSIONS.mle;
      try {
        const params = fitGarch(training, fitter, { varianceTargeting });
        if (params) return { params, trainedThrough, modelVersion: model };
        this.deps.log.warn('GARCH fit not stationary; keeping the previous model', { underlying, model });
      } catch (err) {
        this.deps.log.warn('GARCH fit failed; keeping the previous model', {
          underlying,
          model,
          error: String(err),
        });
      }
      return previous;
    };
    const next = { mle: refit(false, slot.mle), vt: refit(true, slot.vt), triedAt: bars.total };
    this.garch.set(underlying, next);
    return next;
  }

  private onTimer(): void {
    if (this.inFlight || !this.timer) return;
    this.inFlight = this.publishForecasts()
      .catch((err: unknown) => {
        this.deps.log.error('publishing forecasts failed', { error: String(err) });
      })
      .finally(() => {
        this.inFlight = null;
      });
  }
}
