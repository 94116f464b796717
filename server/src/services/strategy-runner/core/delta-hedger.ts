import type {
  IntentDecisionEvent,
  MarketTickEvent,
  OrderFillEvent,
  PortfolioRiskEvent,
  PositionUpdateEvent,
  StrategyIntentEvent,
  StreamInput,
} from '@gamma/shared';
import type { DeltaHedgerConfig } from '../config.ts';
import { InFlightStrategy } from './in-flight.ts';
import { PartialStructureTracker } from './partial-structures.ts';
import { DeltaHedgerStateSchema, loadWith, type DeltaHedgerState } from './strategy-state.ts';
import type { IdGenerator, Strategy, StrategyOutput } from './strategy.ts';
import { isoOf } from './strategy.ts';

/** Largest multiple of `lot` not above `x` (tolerant of binary rounding, e.g. 0.29 / 0.001). */
export function floorToLot(x: number, lot: number): number {
  const steps = Math.floor(x / lot + 1e-9);
  return Number((steps * lot).toFixed(12));
}

/** Smallest multiple of `lot` not below `x` (tolerant of binary rounding like {@link floorToLot}). */
export function ceilToLot(x: number, lot: number): number {
  const steps = Math.ceil(x / lot - 1e-9);
  return Number((steps * lot).toFixed(12));
}

/**
 * The hedge of a delta with hysteresis (issue 9 item 4): once |Δ| reaches the threshold, hedge down to
 * half of it, not to zero, so the next hedge waits until |Δ| has drifted back to the threshold. The
 * quantity is |Δ| − threshold/2 rounded up to the lot (|Δ| left at most threshold/2), but never more
 * than |Δ| rounded down (a hedge never flips the delta's side); 0 below the threshold.
 */
export function hedgeQuantity(delta: number, threshold: number, lot: number): number {
  const size = Math.abs(delta);
  if (size < threshold) return 0;
  return Math.min(ceilToLot(size - threshold / 2, lot), floorToLot(size, lot));
}

/**
 * DeltaHedger (SPEC §4.2, with the hysteresis of issue 9): on each `portfolio.risk` of its underlying,
 * once |Δ| reaches the threshold, hedges it down to half the threshold with the linear perpetual, at
 * most once per rebalance interval, never while a previous hedge is in flight (one per underlying: until
 * its decision is vetoed, expired or rejected, or its order fills), and never while an option structure of
 * its underlying (any strategy's) is half filled: see {@link PartialStructureTracker}.
 */
export class DeltaHedger extends InFlightStrategy implements Strategy {
  private lastHedgeAtMs: number | null = null;
  private referencePrice: number | null = null;
  private hedgePosition = 0;
  private lastDelta: number | null = null;
  private readonly partials: PartialStructureTracker;

  constructor(
    readonly id: string,
    private readonly config: DeltaHedgerConfig,
    private readonly newId: IdGenerator,
  ) {
    super(config.inFlightTtlS * 1000);
    this.partials = new PartialStructureTracker(config.underlying);
  }

  wantsTick(symbol: string): boolean {
    return symbol === this.config.hedgeInstrument;
  }

  /** Latest price of the hedge instrument, sent as `reference_price`. */
  handleTick(tick: MarketTickEvent): StrategyOutput[] {
    if (tick.symbol === this.config.hedgeInstrument) this.referencePrice = tick.price;
    return [];
  }

  handlePortfolioRisk(risk: PortfolioRiskEvent, nowMs: number): StrategyOutput[] {
    const c = this.config;
    if (risk.underlying !== null && risk.underlying !== c.underlying) return [];
    const delta = risk.total_delta;
    this.lastDelta = delta;
    if (this.partials.any(nowMs)) return [];
    const quantity = hedgeQuantity(delta, c.deltaThreshold, c.hedgeLot);
    if (quantity <= 0) return [];
    if (this.lastHedgeAtMs !== null && nowMs - this.lastHedgeAtMs < c.rebalanceIntervalS * 1000) return [];
    if (this.inFlight.any(nowMs)) return [];
    const intentId = this.newId();
    const message: StreamInput<'strategy.intent'> = {
      intent_id: intentId,
      strategy_id: this.id,
      symbol: c.hedgeInstrument,
      intent_type: 'delta_hedge',
      action: 'delta_hedge',
      direction: delta > 0 ? 'sell' : 'buy',
      quantity,
      confidence: 1,
      reason: 'maintain_delta_neutral',
      timestamp: isoOf(nowMs),
      metadata: {
        strategy_type: 'delta_hedger',
        current_delta: delta,
        hedge_quantity: quantity,
        underlying: c.underlying,
        delta_threshold: c.deltaThreshold,
        reference_price: this.referencePrice,
      },
    };
    this.lastHedgeAtMs = nowMs;
    this.inFlight.add(intentId, 1, nowMs);
    return [{ stream: 'strategy.intent', message }];
  }

  /** A hedge published before a restart restarts the rebalance interval from its timestamp and is in flight. */
  restoreIntent(intent: StrategyIntentEvent): void {
    const ms = Date.parse(intent.timestamp);
    if (intent.action !== 'delta_hedge' || !Number.isFinite(ms)) return;
    this.lastHedgeAtMs = Math.max(this.lastHedgeAtMs ?? ms, ms);
    this.inFlight.add(intent.intent_id, 1, ms);
  }

  saveState(): DeltaHedgerState {
    return {
      lastHedgeAtMs: this.lastHedgeAtMs,
      referencePrice: this.referencePrice,
      hedgePosition: this.hedgePosition,
      lastDelta: this.lastDelta,
      inFlight: this.inFlight.save(),
      partials: this.partials.save(),
    };
  }

  loadState(state: unknown): boolean {
    return loadWith(DeltaHedgerStateSchema, state, (s) => {
      ({ lastHedgeAtMs: this.lastHedgeAtMs, referencePrice: this.referencePrice } = s);
      ({ hedgePosition: this.hedgePosition, lastDelta: this.lastDelta } = s);
      this.inFlight.load(s.inFlight);
      this.partials.load(s.partials);
    });
  }

  /** Any strategy's option fill: tracks half-filled structures of this underlying. */
  observeFill(fill: OrderFillEvent, nowMs: number): void {
    this.partials.onFill(fill, nowMs);
  }

  /** Any strategy's decision: an `execution_rejected` releases that intent's half-filled structure. */
  observeDecision(decision: IntentDecisionEvent): void {
    this.partials.onDecision(decision);
  }

  /** Tracks `hedge_position` (display only). */
  handlePositionUpdate(update: PositionUpdateEvent): StrategyOutput[] {
    if (update.symbol === this.config.hedgeInstrument) this.hedgePosition = update.quantity;
    return [];
  }

  snapshot(): Record<string, unknown> {
    return {
      underlying: this.config.underlying,
      hedge_instrument: this.config.hedgeInstrument,
      hedge_position: this.hedgePosition,
      last_delta: this.lastDelta,
      last_hedge_at: this.lastHedgeAtMs === null ? null : isoOf(this.lastHedgeAtMs),
      in_flight: this.inFlight.ids(),
      partial_structures: this.partials.ids(),
    };
  }
}
