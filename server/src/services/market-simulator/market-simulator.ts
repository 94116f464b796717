import type { ServiceDeps, Service } from '../service.ts';
import { marketParams, underlyingParams, type MarketSimulatorConfig } from './config.ts';
import { lastMarketOf, resumeUnderlying } from './core/continuity.ts';
import { onchainActivityOf, onchainReply, type OnchainReply } from './core/onchain.ts';
import { sentimentReply, type SentimentReply } from './core/sentiment.ts';
import {
  advanceUnderlying,
  sentimentOf,
  surfaceOf,
  ticksOf,
  type MarketParams,
  type UnderlyingParams,
  type UnderlyingState,
} from './core/underlying-state.ts';
import { warmupHistory } from './core/warmup.ts';
import { offerDailyHistory } from '../../market-data/daily-history-source.ts';
import { startSentimentServer, type SentimentServer } from './sentiment-server.ts';
import { SimulatedDailyHistory, type PathStart } from './simulated-daily-history.ts';

/** Newest `market.tick` entries read per simulated symbol (spot and perpetual) to continue a path */
const RECENT_TICKS_PER_SYMBOL = 300;
/** Warm-up ticks per published batch */
const WARMUP_BATCH_TICKS = 500;

/**
 * Publishes simulated spot and perpetual ticks and option surfaces (SPEC §8.2) and serves the
 * simulated sentiment source. The timers only call {@link step} and {@link publishSurfaces}.
 */
export class MarketSimulatorService implements Service {
  readonly name = 'market-simulator';
  private readonly params: UnderlyingParams[];
  private readonly market: MarketParams;
  private readonly states = new Map<string, UnderlyingState>();
  private readonly timers: NodeJS.Timeout[] = [];
  private server: SentimentServer | null = null;
  private readonly inFlight = new Map<'ticks' | 'surfaces', Promise<void>>();
  private closed = false;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly config: MarketSimulatorConfig,
  ) {
    this.params = config.underlyings.map((u) => underlyingParams(config, u));
    this.market = marketParams(config);
  }

  /**
   * Continues each underlying from its last tick in `market.tick`; publishes a seeded warm-up history
   * for those with none (`warmupMin`); offers each a seeded daily history ending at its live price
   * (`market.daily_history`, once per underlying); then publishes the first ticks and surfaces at once
   * and starts the timers and the sentiment server.
   */
  async start(): Promise<void> {
    const startMs = this.config.startTimeMs ?? this.deps.clock.now();
    const fresh = await this.resume(startMs);
    await this.warmUp(fresh, startMs);
    const history = new SimulatedDailyHistory(this.liveStarts(), {
      seed: this.config.seed,
      shape: this.config.dailyHistoryShape,
    });
    await offerDailyHistory(this.deps, history, {
      symbols: this.params.map((p) => p.underlying),
      days: this.config.dailyHistoryDays,
    });
    await this.publishTicks();
    await this.publishSurfaces();
    if (this.config.sentimentPort !== null) {
      this.server = await startSentimentServer(
        this.config.sentimentPort,
        { sentiment: (q, n) => this.sentiment(q, n), onchain: (asset) => this.onchain(asset) },
        this.deps.log,
      );
    }
    if (this.config.timers) {
      this.timers.push(setInterval(() => void this.onTimer('ticks'), this.config.tickIntervalMs));
      this.timers.push(setInterval(() => void this.onTimer('surfaces'), this.config.surfaceIntervalS * 1000));
    }
    this.deps.log.info('market simulator started', {
      underlyings: this.config.underlyings,
      seed: this.config.seed,
      sentimentPort: this.server?.port ?? null,
    });
  }

  /** Advances every underlying to `nowMs` and publishes its spot and perpetual ticks. */
  async step(nowMs: number): Promise<void> {
    this.advance(nowMs);
    await this.publishTicks();
  }

  /** Publishes a surface per underlying at the current state (advanced to `nowMs` when given). */
  async publishSurfaces(nowMs?: number): Promise<void> {
    if (nowMs !== undefined) this.advance(nowMs);
    for (const p of this.params) {
      const s = this.states.get(p.underlying);
      if (s) await this.deps.bus.publish('market.vol_surface', surfaceOf(s, p, this.market));
    }
  }

  /** The sentiment reply for a coin (`BTC`, `$btc`, `BTC/USDT`), or null when no underlying matches. */
  sentiment(query: string, maxResults: number): SentimentReply | null {
    const coin = query.trim().replace(/^[$#]/, '').toUpperCase().split('/')[0] ?? '';
    const p = this.params.find((x) => x.underlying.split('/')[0] === coin);
    const s = p && this.states.get(p.underlying);
    return p && s ? sentimentReply(sentimentOf(s, p), maxResults) : null;
  }

  /** The on-chain activity reply for a coin (`BTC`, `btc`), or null when no underlying matches. */
  onchain(asset: string): OnchainReply | null {
    const coin = asset.trim().toUpperCase();
    const p = this.params.find((x) => x.underlying.split('/')[0] === coin);
    const s = p && this.states.get(p.underlying);
    return p && s ? onchainReply(coin, onchainActivityOf(s, p), s.lastMs) : null;
  }

  /** The bound sentiment port, or null when the server is not running. */
  get sentimentPort(): number | null {
    return this.server?.port ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.splice(0)) clearInterval(t);
    // A timer step already running finishes before the bus may be closed
    await Promise.allSettled([...this.inFlight.values()]);
    await this.server?.close();
    this.server = null;
  }

  /** Continues every underlying that has a spot tick in the stream; returns the others. */
  private async resume(startMs: number): Promise<UnderlyingParams[]> {
    const count = RECENT_TICKS_PER_SYMBOL * 2 * this.params.length;
    const ticks = (await this.deps.bus.latest('market.tick', count)).map((e) => e.message);
    const fresh: UnderlyingParams[] = [];
    for (const p of this.params) {
      const last = lastMarketOf(ticks, p);
      if (!last) {
        fresh.push(p);
        continue;
      }
      const state = resumeUnderlying(p, last, { seed: this.config.seed, nowMs: startMs });
      this.states.set(p.underlying, state);
      const context = { underlying: p.underlying, price: last.spot.price, at: last.spot.timestamp };
      this.deps.log.info('market simulator continues from the last tick', {
        ...context,
        vol: Math.sqrt(state.path.variance),
      });
      if (Date.parse(last.spot.timestamp) > startMs)
        this.deps.log.warn('the last tick is later than the start time: ticks will go back in time', context);
    }
    return fresh;
  }

  /**
   * Where the live ticks begin (after the warm-up, or where a continued path resumes): the daily history
   * ends at that price, so with the `breakdown` shape the first live tick is under the window's lows.
   */
  private liveStarts(): Map<string, PathStart> {
    const starts = new Map<string, PathStart>();
    for (const params of this.params) {
      const state = this.states.get(params.underlying);
      if (state) starts.set(params.underlying, { params, atMs: state.lastMs, price: state.path.spot });
    }
    return starts;
  }

  /** Publishes the seeded warm-up history of the fresh underlyings, ending at `endMs`, and keeps their end states. */
  private async warmUp(fresh: readonly UnderlyingParams[], endMs: number): Promise<void> {
    if (fresh.length === 0) return;
    const began = performance.now();
    const history = warmupHistory({
      params: fresh,
      market: this.market,
      seed: this.config.seed,
      endMs,
      minutes: this.config.warmupMin,
      intervalMs: this.config.tickIntervalMs,
      stepsPerBatch: Math.max(1, Math.floor(WARMUP_BATCH_TICKS / (2 * fresh.length))),
    });
    let published = 0;
    for (let batch = history.next(); ; batch = history.next()) {
      if (batch.done) {
        batch.value.forEach((s, i) => fresh[i] && this.states.set(fresh[i].underlying, s));
        break;
      }
      // Both bus adapters append in call order, so a batch published concurrently stays in time order
      await Promise.all(batch.value.map((tick) => this.deps.bus.publish('market.tick', tick)));
      published += batch.value.length;
    }
    if (published === 0) return;
    this.deps.log.info('market simulator published a warm-up history', {
      underlyings: fresh.map((p) => p.underlying),
      minutes: this.config.warmupMin,
      ticks: published,
      ms: Math.round(performance.now() - began),
    });
  }

  private advance(nowMs: number): void {
    for (const p of this.params) {
      const s = this.states.get(p.underlying);
      if (s) this.states.set(p.underlying, advanceUnderlying(s, p, nowMs));
    }
  }

  private async publishTicks(): Promise<void> {
    for (const p of this.params) {
      const s = this.states.get(p.underlying);
      if (!s) continue;
      for (const tick of ticksOf(s, p, this.market)) await this.deps.bus.publish('market.tick', tick);
    }
  }

  private onTimer(kind: 'ticks' | 'surfaces'): Promise<void> {
    // A slow publish skips a beat rather than piling up overlapping steps
    const running = this.inFlight.get(kind);
    if (running || this.closed) return running ?? Promise.resolve();
    const now = this.deps.clock.now();
    const run = (kind === 'ticks' ? this.step(now) : this.publishSurfaces(now))
      .catch((err: unknown) => {
        this.deps.log.error(`market simulator: publishing ${kind} failed`, { error: String(err) });
      })
      .finally(() => this.inFlight.delete(kind));
    this.inFlight.set(kind, run);
    return run;
  }
}
