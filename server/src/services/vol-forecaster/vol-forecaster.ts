import type { StreamMessage } from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import type { Service, ServiceDeps } from '../service.ts';
import type { VolForecasterConfig } from './config.ts';
import { addTick, emptyBars, type BarRules, type BarState } from './core/bars.ts';
import {
  chooseModel,
  ewmaView,
  forecastHorizons,
  garchView,
  type ForecastRules,
  type GarchFit,
} from './core/forecast.ts';
import { fitGarch, type Garch11Fitter } from './core/garch-fit.ts';

/** GARCH state per underlying: the current fit (if any) and when a fit was last tried. */
interface GarchSlot {
  fit: GarchFit | null;
  triedAt: number;
}

/**
 * Builds bar returns from spot ticks (group `vol-forecaster` on `market.tick`) and publishes a
 * volatility forecast per underlying and horizon every interval (SPEC §8.3).
 */
export class VolForecasterService implements Service {
  readonly name = 'vol-forecaster';
  private readonly bars = new Map<string, BarState>();
  private readonly garch = new Map<string, GarchSlot>();
  private readonly barRules: BarRules;
  private readonly rules: ForecastRules;
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;

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
    if (!fitter) deps.log.info('no GARCH fitter given: forecasting with EWMA only');
  }

  /** Replays recent ticks (warm-up), subscribes to new ones and starts the forecast timer. */
  async start(): Promise<void> {
    await this.warmUp();
    this.subscription = this.deps.bus.subscribe('market.tick', 'vol-forecaster', (m) =>
      this.handleMarketTick(m),
    );
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

  /** Publishes the 1h, 24h and 7d forecasts of every underlying with enough returns. */
  async publishForecasts(nowMs: number = this.deps.clock.now()): Promise<void> {
    const timestamp = new Date(nowMs).toISOString();
    for (const underlying of this.config.underlyings) {
      const bars = this.bars.get(underlying);
      if (!bars || bars.returns.length < this.config.minReturns) continue;
      const fit = this.refitIfDue(underlying, bars);
      const ewma = ewmaView(bars.returns, this.rules);
      const model = chooseModel(ewma, fit ? garchView(bars, fit, this.rules) : null);
      for (const f of forecastHorizons(bars.returns, model, this.rules)) {
        await this.deps.bus.publish('strategy.forecast.volatility', { underlying, timestamp, ...f });
      }
    }
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
  }

  private async warmUp(): Promise<void> {
    if (this.config.warmupTicks === 0) return;
    try {
      const entries = await this.deps.bus.latest('market.tick', this.config.warmupTicks);
      // Newest first from the bus; bars need them oldest first
      for (const entry of entries.reverse()) this.handleMarketTick(entry.message);
      this.deps.log.info('vol forecaster warmed up from recent ticks', { entries: entries.length });
    } catch (err) {
      this.deps.log.warn('warm-up from recent ticks failed; starting empty', { error: String(err) });
    }
  }

  private refitIfDue(underlying: string, bars: BarState): GarchFit | null {
    const slot = this.garch.get(underlying) ?? { fit: null, triedAt: -Infinity };
    const due = bars.total - slot.triedAt >= this.config.refitEveryReturns;
    if (!this.fitter || bars.returns.length < this.config.garchMinReturns || !due) return slot.fit;
    const training = bars.returns.slice(0, bars.returns.length - this.config.evaluationWindow);
    let fit = slot.fit;
    try {
      const params = fitGarch(training.slice(-this.config.garchMaxReturns), this.fitter);
      if (params) fit = { params, trainedThrough: bars.total - this.config.evaluationWindow };
      else this.deps.log.warn('GARCH fit not stationary; keeping the previous model', { underlying });
    } catch (err) {
      this.deps.log.warn('GARCH fit failed; keeping the previous model', { underlying, error: String(err) });
    }
    this.garch.set(underlying, { fit, triedAt: bars.total });
    return fit;
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
