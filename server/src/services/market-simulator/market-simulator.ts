import type { ServiceDeps, Service } from '../service.ts';
import { marketParams, underlyingParams, type MarketSimulatorConfig } from './config.ts';
import { sentimentReply, type SentimentReply } from './core/sentiment.ts';
import {
  advanceUnderlying,
  initUnderlying,
  sentimentOf,
  surfaceOf,
  ticksOf,
  type MarketParams,
  type UnderlyingParams,
  type UnderlyingState,
} from './core/underlying-state.ts';
import { startSentimentServer, type SentimentServer } from './sentiment-server.ts';

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

  /** Seeds the state, publishes the first ticks and surfaces at once, then starts timers and the sentiment server. */
  async start(): Promise<void> {
    const startMs = this.config.startTimeMs ?? this.deps.clock.now();
    for (const p of this.params) this.states.set(p.underlying, initUnderlying(p, this.config.seed, startMs));
    await this.publishTicks();
    await this.publishSurfaces();
    if (this.config.sentimentPort !== null) {
      this.server = await startSentimentServer(
        this.config.sentimentPort,
        (q, n) => this.sentiment(q, n),
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
