import type { MarketTickEvent, StreamInput } from '@gamma/shared';
import { isPerpetualSymbol, underlyingOf } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { iso, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { RiskServiceConfig } from './config.ts';
import { buildMacroState, realizedVolOf, recordMinuteClose, type MinuteCloses } from './core/macro-loop.ts';
import { fetchSentiment, type FetchFn } from './sentiment-client.ts';

/** What the macro loop reads and publishes with. */
export interface MacroLoopDeps {
  bus: Bus;
  clock: Clock;
  log: Logger;
  fetch: FetchFn;
  config: RiskServiceConfig;
}

/**
 * The macro/FOMO loop of the risk service (SPEC §6.3): samples the macro symbol's minute closes, its
 * perpetual's funding rate and the account equity, and broadcasts `market.macro_state` with the sentiment.
 */
export class MacroLoopRunner {
  private macroCloses: MinuteCloses = [];
  private equityCloses: MinuteCloses = [];
  private fundingRate: number | null = null;
  private running = false;

  constructor(private readonly deps: MacroLoopDeps) {}

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
      const reading = await fetchSentiment(config.sentimentUrls, config.sentimentQuery, {
        fetch: this.deps.fetch,
        log,
      });
      const message = buildMacroState(
        {
          sentiment: reading?.score ?? null,
          sentimentSource: reading?.source ?? null,
          realizedVol: realizedVolOf(this.macroCloses, config.macroVolBarS * 1000),
          portfolioRealizedVol: realizedVolOf(this.equityCloses, config.macroVolBarS * 1000),
          fundingRate: this.fundingRate,
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

  private closeWindow() {
    const { config } = this.deps;
    return { windowMin: config.macroVolWindowMin, barMs: config.macroVolBarS * 1000 };
  }
}
