import type {
  MacroStateEvent,
  MarketTickEvent,
  PositionUpdateEvent,
  StrategyIntentEvent,
  VolatilityForecastEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';
import { isOptionSymbol, underlyingOf } from '@gamma/shared';
import type { PqVolTraderConfig } from '../config.ts';
import { InFlightStrategy } from './in-flight.ts';
import {
  pqHoldIntent,
  pqTradeIntent,
  type IntentHead,
  type Observation,
  type PqReading,
} from './pq-vol-intents.ts';
import type { PqVerdict } from './pq-vol-rules.ts';
import { decidePq, pqTradeQuantity, structuresOf } from './pq-vol-rules.ts';
import { loadWith, PqVolTraderStateSchema, type PqVolTraderState } from './strategy-state.ts';
import type { IdGenerator, Strategy, StrategyOutput } from './strategy.ts';
import { isoOf, msOf, utcDayStartOf } from './strategy.ts';

const LEGS_PER_STRUCTURE = 2;

/**
 * PQVolTrader (SPEC §4.1): compares market implied vol P (surface `atm_iv`) with forecast vol Q and
 * buys or sells a straddle/strangle when the spread passes the threshold, behind cooldown, FOMO,
 * regime, intraday-chase and position gates. Holds are published only when their reason changes.
 */
export class PqVolTrader extends InFlightStrategy implements Strategy {
  private p: Observation | null = null;
  private q: Observation | null = null;
  private macroRegime: string | null = null;
  private regimeScore: number | null = null;
  private sentimentScore: number | null = null;
  private fomoScore: number | null = null;
  private readonly legs = new Map<string, number>();
  private spot: number | null = null;
  private surfaceSpot: number | null = null;
  private dayStartMs: number | null = null;
  private dayOpen: number | null = null;
  private lastTradeAtMs: number | null = null;
  private lastPublishedReason: string | null = null;
  private lastHoldAtMs: number | null = null;

  constructor(
    readonly id: string,
    private readonly config: PqVolTraderConfig,
    private readonly newId: IdGenerator,
  ) {
    super();
  }

  wantsTick(symbol: string): boolean {
    return symbol === this.config.underlying;
  }

  /** Latest spot tick: reference price and intraday return since 00:00 UTC. */
  handleTick(tick: MarketTickEvent, nowMs: number): StrategyOutput[] {
    if (tick.symbol !== this.config.underlying) return [];
    const dayStart = utcDayStartOf(tick.timestamp, nowMs);
    if (this.dayStartMs === null || dayStart > this.dayStartMs) {
      this.dayStartMs = dayStart;
      this.dayOpen = tick.price;
    }
    this.spot = tick.price;
    return [];
  }

  handleSurface(surface: VolatilitySurfaceEvent, nowMs: number): StrategyOutput[] {
    if (surface.underlying !== this.config.underlying) return [];
    this.p = { value: surface.atm_iv, timestamp: surface.timestamp, ms: msOf(surface.timestamp) };
    this.surfaceSpot = surface.spot_price;
    return this.evaluate(nowMs);
  }

  handleForecast(forecast: VolatilityForecastEvent, nowMs: number): StrategyOutput[] {
    if (forecast.underlying !== this.config.underlying) return [];
    if (forecast.forecast_horizon !== this.config.forecastHorizon) return [];
    this.q = {
      value: forecast.predicted_volatility,
      timestamp: forecast.timestamp,
      ms: msOf(forecast.timestamp),
    };
    return this.evaluate(nowMs);
  }

  /** Only a non-null field replaces the stored value (a 0.0 does); no evaluation. */
  handleMacroState(macro: MacroStateEvent): StrategyOutput[] {
    if (macro.symbol !== null && macro.symbol !== this.config.underlying) return [];
    if (macro.macro_regime !== null) this.macroRegime = macro.macro_regime;
    this.regimeScore = macro.regime_score;
    if (macro.sentiment_score !== null) this.sentimentScore = macro.sentiment_score;
    if (macro.fomo_score !== null) this.fomoScore = macro.fomo_score;
    return [];
  }

  /** Own option legs on its underlying make up `current_position` (two legs = one structure). */
  handlePositionUpdate(update: PositionUpdateEvent): StrategyOutput[] {
    if (!isOptionSymbol(update.symbol) || underlyingOf(update.symbol) !== this.config.underlying) return [];
    if (update.quantity === 0) this.legs.delete(update.symbol);
    else this.legs.set(update.symbol, update.quantity);
    return [];
  }

  /**
   * A trade intent restarts the cooldown from its timestamp and is in flight; any intent sets the last
   * published reason.
   */
  restoreIntent(intent: StrategyIntentEvent): void {
    const ms = msOf(intent.timestamp);
    if (intent.action !== 'hold' && Number.isFinite(ms)) {
      this.lastTradeAtMs = Math.max(this.lastTradeAtMs ?? ms, ms);
      this.inFlight.add(intent.intent_id, LEGS_PER_STRUCTURE, ms);
    }
    if (intent.action === 'hold' && Number.isFinite(ms))
      this.lastHoldAtMs = Math.max(this.lastHoldAtMs ?? ms, ms);
    this.lastPublishedReason = intent.reason;
  }

  /** Signed structures held: sum of the legs' signed quantities ÷ 2. */
  currentPosition(): number {
    return structuresOf(this.legs.values());
  }

  /** Return of the underlying since the first tick of the current UTC day; 0 when unknown. */
  intradayReturn(): number {
    if (this.spot === null || this.dayOpen === null || this.dayOpen <= 0) return 0;
    return this.spot / this.dayOpen - 1;
  }

  snapshot(): Record<string, unknown> {
    return {
      p_vol: this.p?.value ?? null,
      q_vol: this.q?.value ?? null,
      macro_regime: this.macroRegime,
      fomo_score: this.fomoScore,
      current_position: this.currentPosition(),
      intraday_return: this.intradayReturn(),
      last_trade_at: this.lastTradeAtMs === null ? null : isoOf(this.lastTradeAtMs),
      last_reason: this.lastPublishedReason,
      in_flight: this.inFlight.ids(),
    };
  }

  saveState(): PqVolTraderState {
    const { p, q, macroRegime, regimeScore, sentimentScore, fomoScore, spot, surfaceSpot } = this;
    const { dayStartMs, dayOpen, lastTradeAtMs, lastPublishedReason, lastHoldAtMs } = this;
    return {
      ...{ p, q, macroRegime, regimeScore, sentimentScore, fomoScore, spot, surfaceSpot },
      ...{ dayStartMs, dayOpen, lastTradeAtMs, lastPublishedReason, lastHoldAtMs },
      legs: [...this.legs],
      inFlight: this.inFlight.save(),
    };
  }

  loadState(state: unknown): boolean {
    return loadWith(PqVolTraderStateSchema, state, (s) => {
      ({ p: this.p, q: this.q, macroRegime: this.macroRegime, regimeScore: this.regimeScore } = s);
      ({ sentimentScore: this.sentimentScore, fomoScore: this.fomoScore, spot: this.spot } = s);
      ({ surfaceSpot: this.surfaceSpot, dayStartMs: this.dayStartMs, dayOpen: this.dayOpen } = s);
      ({ lastTradeAtMs: this.lastTradeAtMs, lastPublishedReason: this.lastPublishedReason } = s);
      this.lastHoldAtMs = s.lastHoldAtMs;
      this.legs.clear();
      for (const [symbol, quantity] of s.legs) this.legs.set(symbol, quantity);
      this.inFlight.load(s.inFlight);
    });
  }

  private isFresh(o: Observation | null, nowMs: number): o is Observation {
    return o !== null && Number.isFinite(o.ms) && nowMs - o.ms <= this.config.staleAfterS * 1000;
  }

  private evaluate(nowMs: number): StrategyOutput[] {
    const { p, q } = this;
    if (!this.isFresh(p, nowMs) || !this.isFresh(q, nowMs)) return [];
    if (this.lastTradeAtMs !== null && nowMs - this.lastTradeAtMs < this.config.signalCooldownS * 1000)
      return [];
    // Rounded to 1e-10 so that a decimal spread equal to the threshold is not met (0.55 − 0.5)
    const spread = Number((q.value - p.value).toFixed(10));
    const verdict = decidePq(
      {
        spread,
        position: this.currentPosition(),
        fomoScore: this.fomoScore,
        macroRegime: this.macroRegime,
        intradayReturn: this.intradayReturn(),
      },
      this.config,
    );
    if (verdict.kind === 'hold') return this.hold(verdict, { p, q, spread }, nowMs);
    return this.trade(verdict, { p, q, spread }, nowMs);
  }

  private referencePrice(): number | null {
    return this.spot ?? this.surfaceSpot;
  }

  private hold(
    verdict: Extract<PqVerdict, { kind: 'hold' }>,
    pq: PqReading,
    nowMs: number,
  ): StrategyOutput[] {
    if (verdict.reason === this.lastPublishedReason) return [];
    if (this.lastHoldAtMs !== null && nowMs - this.lastHoldAtMs < this.config.holdIntervalS * 1000) return [];
    this.lastHoldAtMs = nowMs;
    this.lastPublishedReason = verdict.reason;
    const message = pqHoldIntent(this.head(this.newId(), nowMs), verdict, pq);
    return [{ stream: 'strategy.intent', message }];
  }

  private trade(
    verdict: Extract<PqVerdict, { kind: 'trade' }>,
    pq: PqReading,
    nowMs: number,
  ): StrategyOutput[] {
    const position = this.currentPosition();
    const intentId = this.newId();
    const message = pqTradeIntent(this.head(intentId, nowMs), verdict, {
      ...pq,
      position,
      quantity: pqTradeQuantity(verdict.side, position, this.config),
      fomoScore: this.fomoScore,
      macroRegime: this.macroRegime,
      regimeScore: this.regimeScore,
      sentimentScore: this.sentimentScore,
      referencePrice: this.referencePrice(),
    });
    this.lastTradeAtMs = nowMs;
    this.lastPublishedReason = verdict.reason;
    this.inFlight.add(intentId, LEGS_PER_STRUCTURE, nowMs);
    return [{ stream: 'strategy.intent', message }];
  }

  private head(intentId: string, nowMs: number): IntentHead {
    return { intentId, strategyId: this.id, config: this.config, nowMs };
  }
}
