import type { MarketTickEvent, StreamInput } from '@gamma/shared';
import { isPerpetualSymbol, underlyingOf } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { iso, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { RiskServiceConfig } from './config.ts';
import { freshnessOf } from './core/circuit-breaker.ts';
import {
  buildMacroState,
  realizedVolOf,
  recordMinuteClose,
  type MinuteCloses,
  type OnchainInput,
} from './core/macro-loop.ts';
import type { IndicatorSource } from './indicator-source.ts';
import { OnchainSource } from './onchain-client.ts';
import { sentimentSource, type FetchFn } from './sentiment-client.ts';

/** What the macro loop reads and publishes with. */
export interface MacroLoopDeps {
  bus: Bus;
  clock: Clock;
  log: Logger;
  fetch: FetchFn;
  config: RiskServiceConfig;
}

/** The on-chain source of a configuration, or null when `ONCHAIN_URL` is empty. */
function onchainSourceOf(deps: MacroLoopDeps): OnchainSource | null {
  const c = deps.config;
  if (c.onchainUrl === '') return null;
  return new OnchainSource(
    {
      url: c.onchainUrl,
      asset: c.macroSymbol.split('/')[0] ?? c.macroSymbol,
      timeoutMs: c.onchainTimeoutMs,
      retries: c.onchainRetries,
      retryBackoffMs: c.onchainRetryBackoffMs,
      breaker: { threshold: c.onchainBreakerThreshold, cooldownMs: c.onchainBreakerCooldownS * 1000 },
    },
    deps,
  );
}

/**
 * The macro/FOMO loop of the risk service (SPEC §6.3): samples the macro symbol's minute closes, its
 * perpetual's funding rate and the account equity, and broadcasts `market.macro_state` with the sentiment
 * and the on-chain activity (each an optional {@link IndicatorSource}; the last on-chain reading is kept
 * and shown with its age until it is stale).
 */
export class MacroLoopRunner {
  private macroCloses: MinuteCloses = [];
  private equityCloses: MinuteCloses = [];
  private fundingRate: number | null = null;
  private running = false;
  private readonly sentiment: IndicatorSource;
  private readonly onchain: OnchainSource | null;
  private lastOnchain: { value: number; atMs: number } | null = null;

  constructor(private readonly deps: MacroLoopDeps) {
    const { config } = deps;
    this.sentiment = sentimentSource(config.sentimentUrls, config.sentimentQuery, deps);
    this.onchain = onchainSourceOf(deps);
  }

  /** Samples the macro symbol's minute close, or its perpetual's funding rate; other ticks are ignored. */
  sampleTick(tick: MarketTickEvent): void {
    const macro = this.deps.config.macroSymbol;
    if (tick.symbol === macro) {
      const sample = { atMs: Date.parse(tick.timestamp), price: tick.price };
      this.macroCloses = recordMinuteClose(this.macroCloses, sample, this.closeWindow());
    } else if (isPerpetualSymbol(tick.symbol) && underlyingOf(tick.symbol) === macro) {
      const rate = tick.metadata.funding_rate;
      if (typeof rate === 'number' && Number.isFinite(rate)) this.fundingRate = rate;
    }
  }

  /** Samples the account equity (USD) at `atMs` for the portfolio's realized vol. */
  sampleEquity(atMs: number, equity: number): void {
    this.equityCloses = recordMinuteClose(this.equityCloses, { atMs, price: equity }, this.closeWindow());
  }

  /** One macro broadcast; a failed publish is logged and the loop goes on. Null while one is running. */
  async run(): Promise<StreamInput<'market.macro_state'> | null> {
    if (this.running) return null;
    this.running = true;
    try {
      const { config, log } = this.deps;
      const [reading, onchain] = await Promise.all([this.sentiment.read(), this.readOnchain()]);
      const message = buildMacroState(
        {
          sentiment: reading?.value ?? null,
          sentimentSource: reading?.source ?? null,
          realizedVol: realizedVolOf(this.macroCloses, config.macroVolBarS * 1000),
          portfolioRealizedVol: realizedVolOf(this.equityCloses, config.macroVolBarS * 1000),
          fundingRate: this.fundingRate,
          onchain,
        },
        iso(this.deps.clock.now()),
      );
      try {
        await this.deps.bus.publish('market.macro_state', message);
      } catch (error) {
        log.error('macro publish failed', { error: String(error) });
      }
      return message;
    } finally {
      this.running = false;
    }
  }

  /** Asks the on-chain source (if any), keeps a good reading, and says how fresh the last one is. */
  private async readOnchain(): Promise<OnchainInput | null> {
    const source = this.onchain;
    if (source === null) return null;
    const reading = await source.read();
    const now = this.deps.clock.now();
    if (reading !== null) this.lastOnchain = { value: reading.value, atMs: now };
    const freshness = freshnessOf(this.lastOnchain, now, this.deps.config.onchainStaleS * 1000);
    return { freshness, source: this.deps.config.onchainUrl, breaker: source.breakerStatus };
  }

  private closeWindow() {
    const { config } = this.deps;
    return { windowMin: config.macroVolWindowMin, barMs: config.macroVolBarS * 1000 };
  }
}
