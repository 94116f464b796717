import type { MarketTickEvent, OrderFillEvent, StreamInput, VolatilitySurfaceEvent } from '@gamma/shared';
import { baseCoinOf } from '@gamma/shared';
import type { Subscription } from '../../bus/bus.ts';
import { compareEntryIds } from '../../bus/entry-id.ts';
import { iso } from '../../lib/clock.ts';
import type { Service, ServiceDeps } from '../service.ts';
import { evaluateAlerts, type AlertLimits, type AlertState } from './core/alerts.ts';
import { spotOf } from './core/market-data.ts';
import { portfolioGreeks } from './core/portfolio-greeks.ts';
import { applyFillToBook, emptyBook, openHoldings, type Book } from './core/positions.ts';
import { buildPortfolioRisk } from './core/risk-report.ts';
import { drawdownOf, nextPeak, valueBook } from './core/valuation.ts';
import { RiskServiceConfigSchema, type RiskServiceConfig, type RiskServiceConfigInput } from './config.ts';
import type { PeakStore } from '../../stores/peaks/peak-store.ts';
import { MacroLoopRunner } from './macro-loop-runner.ts';
import { restoreBook, RISK_SNAPSHOT_OWNER, riskSnapshot } from './book-restore.ts';
import { PeriodicSnapshots } from '../snapshotting.ts';
import type { FetchFn } from './sentiment-client.ts';
import { followStream } from '../follow-stream.ts';
import type { PartitionLeases } from '../partition-leases.ts';
import { alertUnderlying, ownsUnderlying, riskPartitions } from './risk-partitions.ts';

/** Consumer group of the risk service. */
export const RISK_SERVICE_GROUP = 'risk-service';
/** Options for tests and embedding. */
export interface RiskServiceOptions {
  /** Overrides of the config read from the environment */
  config?: Partial<RiskServiceConfigInput>;
  /** Default: global `fetch` */
  fetch?: FetchFn;
}

/**
 * The risk service (SPEC §6.2–6.4): positions from fills, valuation and Greeks on `portfolio.risk`,
 * the macro/FOMO loop on `market.macro_state`, edge-triggered `risk.alert`s.
 */
export class RiskService implements Service {
  readonly name = 'risk-service';
  private readonly market = {
    ticks: new Map<string, MarketTickEvent>(),
    surfaces: new Map<string, VolatilitySurfaceEvent>(),
  };
  private readonly peakStore: PeakStore;
  /** The newest `order.fill` entry booked: entries at or before it are skipped (ids only grow) */
  private fillsAt = '0-0';
  /** The newest `market.tick` entry followed */
  private ticksAt = '0-0';
  private readonly snapshots: PeriodicSnapshots;
  private readonly closing = new AbortController();
  private restored = false;
  private readonly subs: Subscription[] = [];
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private book: Book;
  private peak: number | null = null;
  private alertState: AlertState = new Map();
  private readonly macro: MacroLoopRunner;
  private readonly config: RiskServiceConfig;
  /** Which underlyings this process publishes for, among the service's processes (null before start: all) */
  private partitions: PartitionLeases | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: RiskServiceOptions = {},
  ) {
    this.config = RiskServiceConfigSchema.parse({ ...deps.config.riskService, ...options.config });
    this.book = emptyBook(this.config.initialBalance);
    this.peakStore = deps.stores.peaks;
    this.snapshots = new PeriodicSnapshots(
      { snapshots: deps.stores.snapshots, log: deps.log },
      RISK_SNAPSHOT_OWNER,
      () => (this.restored ? riskSnapshot(this.book, this.fillsAt, deps.clock.now()) : null),
    );
    this.macro = new MacroLoopRunner({
      bus: deps.bus,
      clock: deps.clock,
      log: deps.log,
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      config: this.config,
    });
  }

  async start(): Promise<void> {
    const { bus } = this.deps;
    const config = this.config;
    const { log } = this.deps;
    this.peak = await this.peakStore.load();
    const after = await this.warmUp();
    await this.restore();
    // Every process follows the market and every fill (no group: README, "Scaling"), so each holds the whole
    // book; the fills from the restore's watermark on, so none is missed or booked twice
    this.subs.push(
      followStream(bus, 'market.tick', { log, after: after.ticks, handle: (m, e) => this.handleTick(m, e) }),
      followStream(bus, 'market.vol_surface', {
        log,
        after: after.surfaces,
        handle: (m) => this.handleSurface(m),
      }),
      followStream(bus, 'order.fill', { log, after: this.fillsAt, handle: (m, e) => this.handleFill(m, e) }),
    );
    this.snapshots.start(this.deps.config.process.snapshotIntervalS * 1000);
    // Each process publishes the risk and alerts of the underlyings it holds a lease on
    this.partitions = riskPartitions({
      leases: this.deps.stores.leases,
      clock: this.deps.clock,
      log,
      underlyings: config.underlyings,
      ttlMs: this.deps.config.process.leaseTtlMs,
      // The new owner of the portfolio publishes the macro state at once (when timers run)
      onPortfolio: () => {
        if (config.timers) void this.runMacro().catch((e: unknown) => this.fail('macro loop', e));
      },
    });
    await this.partitions.start();
    if (!config.timers) return;
    const every = (ms: number, run: () => Promise<unknown>, what: string) =>
      this.timers.push(setInterval(() => void run().catch((e: unknown) => this.fail(what, e)), ms));
    every(config.portfolioRiskIntervalMs, () => this.publishPortfolioRisk(), 'portfolio risk');
    every(config.riskCheckIntervalS * 1000, () => this.checkAlerts(), 'risk alerts');
    every(config.macroIntervalS * 1000, () => this.runMacro(), 'macro loop');
  }

  /** Stops reading and the timers, then saves a last snapshot of the book it stopped at. */
  async close(): Promise<void> {
    this.closing.abort();
    for (const t of this.timers.splice(0)) clearInterval(t);
    await Promise.all(this.subs.splice(0).map((s) => s.close()));
    await this.partitions?.close();
    await this.snapshots.close();
  }

  /** Keeps the latest tick; samples the macro symbol's minute closes and its perpetual's funding rate. */
  handleTick(tick: MarketTickEvent, entry?: { id: string }): void {
    if (entry) this.ticksAt = entry.id;
    this.market.ticks.set(tick.symbol, tick);
    this.macro.sampleTick(tick);
  }

  /** Keeps the latest surface per underlying. */
  handleSurface(surface: VolatilitySurfaceEvent): void {
    this.market.surfaces.set(surface.underlying, surface);
  }

  /** Books a fill once per stream entry (entries at or before the watermark are skipped), then broadcasts risk and evaluates alerts. */
  async handleFill(fill: OrderFillEvent, entry: { id: string }): Promise<void> {
    if (!this.bookFill(fill, entry.id)) return;
    await this.publishPortfolioRisk();
    await this.checkAlerts();
  }

  /** The newest `market.tick` and `order.fill` entries this process has handled (tests, monitoring). */
  followed(): { ticks: string; fills: string } {
    return { ticks: this.ticksAt, fills: this.fillsAt };
  }

  /** Spot of an underlying as the service values it, null when unknown. */
  spot(underlying: string): number | null {
    return spotOf(this.market, underlying);
  }

  /** The current book (cash and holdings). */
  currentBook(): Book {
    return this.book;
  }

  /** Publishes one `portfolio.risk` per underlying; returns what was published. */
  async publishPortfolioRisk(): Promise<StreamInput<'portfolio.risk'>[]> {
    const now = this.deps.clock.now();
    const { valuation, greeks, peak, drawdown } = await this.measure(now);
    this.macro.sampleEquity(now, valuation.equity);
    if (valuation.unmarked.length > 0)
      this.deps.log.warn('positions without market data, valued at cost', { symbols: valuation.unmarked });
    const events = buildPortfolioRisk(
      {
        valuation,
        greeks,
        underlyings: this.config.underlyings,
        peak,
        drawdown,
        spotOf: (u) => spotOf(this.market, u),
      },
      iso(now),
    );
    const mine = events.filter((e) => this.owns(e.underlying ?? null));
    for (const e of mine) await this.deps.bus.publish('portfolio.risk', e);
    return mine;
  }

  /** Evaluates the alerts of SPEC §6.4 and publishes the edges; returns them. */
  async checkAlerts(): Promise<StreamInput<'risk.alert'>[]> {
    const now = this.deps.clock.now();
    const { valuation, greeks, drawdown } = await this.measure(now);
    const deltas = new Map<string, number>();
    for (const u of this.config.underlyings) deltas.set(u, 0);
    for (const [u, g] of greeks.byUnderlying) deltas.set(u, g.delta);
    const snapshot = {
      drawdown,
      positionRatio: valuation.positionRatio,
      leverage: valuation.leverage,
      deltas,
    };
    const result = evaluateAlerts(this.alertState, snapshot, {
      limits: this.alertLimits(),
      nowMs: now,
      nowIso: iso(now),
    });
    this.alertState = result.state;
    // Every process tracks every alert's edges; each publishes those of its underlyings
    const mine = result.alerts.filter((a) => this.owns(alertUnderlying(a)));
    for (const a of mine) await this.deps.bus.publish('risk.alert', a);
    return mine;
  }

  /** One macro broadcast (SPEC §6.3), by the process holding the portfolio; a failed publish is logged and the loop goes on. */
  async runMacro(): Promise<StreamInput<'market.macro_state'> | null> {
    if (!this.owns(null)) return null;
    return this.macro.run();
  }

  /** Whether this process publishes for `underlying` (null: the book-wide part); every one before start. */
  owns(underlying: string | null): boolean {
    const owned = this.partitions?.owned();
    return !owned || ownsUnderlying(owned, this.config.underlyings, underlying);
  }

  private bookFill(fill: OrderFillEvent, entryId: string): boolean {
    if (compareEntryIds(entryId, this.fillsAt) <= 0) return false;
    this.book = applyFillToBook(this.book, fill);
    this.fillsAt = entryId;
    return true;
  }

  private async measure(now: number) {
    const valuation = valueBook(this.book, this.market, now);
    const greeks = portfolioGreeks(openHoldings(this.book), this.market, now);
    if (greeks.unpriced.length > 0)
      this.deps.log.warn('options without surface: Greeks left out', { symbols: greeks.unpriced });
    const peak = nextPeak(this.peak, valuation.equity);
    if (peak !== this.peak) {
      this.peak = peak;
      // One writer among the processes: the portfolio's owner
      if (this.owns(null))
        await this.peakStore.save(peak).catch((e: unknown) => this.fail('peak persistence', e));
    }
    return { valuation, greeks, peak, drawdown: drawdownOf(peak, valuation.equity) };
  }

  private alertLimits(): AlertLimits {
    const c = this.config;
    return {
      maxDrawdown: c.maxDrawdown,
      drawdownWarning: c.drawdownWarning,
      positionRatioWarning: c.positionRatioWarning,
      maxPositionRatio: c.maxPositionRatio,
      minPositionRatio: c.minPositionRatio,
      maxLeverage: c.maxLeverage,
      repeatMs: c.alertRepeatS * 1000,
      deltaLimit: (u) => 2 * (c.deltaThresholdByBase[baseCoinOf(u)] ?? c.deltaThreshold),
    };
  }

  // The market and the macro closes from the newest ticks and surfaces (latest wins: not a fold); returns
  // the newest ids read, where following the streams starts.
  private async warmUp(): Promise<{ ticks: string; surfaces: string }> {
    const { bus } = this.deps;
    const [ticks, surfaces] = await Promise.all([
      bus.latest('market.tick', this.config.warmupTicks),
      bus.latest('market.vol_surface', 20),
    ]);
    // Through handleTick, so the macro realized vol has its closes at the first broadcast after a restart
    for (const e of [...ticks].reverse()) this.handleTick(e.message);
    for (const e of [...surfaces].reverse()) this.market.surfaces.set(e.message.underlying, e.message);
    return { ticks: ticks[0]?.id ?? '0-0', surfaces: surfaces[0]?.id ?? '0-0' };
  }

  // The book from its snapshot plus every fill after the entry it covers (docs/architecture.md, "Restore").
  private async restore(): Promise<void> {
    const { deps } = this;
    const startedMs = performance.now();
    const restore = await restoreBook(
      { bus: deps.bus, snapshots: deps.stores.snapshots, log: deps.log, signal: this.closing.signal },
      { initial: this.book, book: (fill, id) => this.bookFill(fill, id) },
    );
    this.book = restore.start;
    this.fillsAt = restore.fillsAt;
    const replayed = await restore.replay();
    this.restored = true;
    deps.log.info('risk book restored', {
      snapshot_covers: restore.fillsAt,
      fills_replayed: replayed,
      fills_cover: this.fillsAt,
      ms: Math.round(performance.now() - startedMs),
    });
  }

  private fail(what: string, error: unknown): void {
    this.deps.log.error(`${what} failed`, { error: String(error) });
  }
}
