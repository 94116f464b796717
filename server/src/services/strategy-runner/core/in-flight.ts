import type { IntentDecisionEvent, OrderFillEvent } from '@gamma/shared';
import type { StrategyOutput } from './strategy.ts';
import type { InFlightState } from './strategy-state.ts';
import { TERMINAL_DECISION_STATUSES } from './strategy.ts';

interface Tracked {
  emittedAtMs: number;
  legs: number;
  filled: Set<string>;
}

/**
 * Intents in flight (SPEC §4): from emission until a terminal decision or until every one of its
 * orders has filled. Entries older than the TTL are dropped, so a lost decision cannot block forever.
 */
export class InFlightTracker {
  private readonly intents = new Map<string, Tracked>();

  constructor(private readonly ttlMs: number = Number.POSITIVE_INFINITY) {}

  /** Records an emitted intent expecting `legs` orders (2 for option structures). */
  add(intentId: string, legs: number, nowMs: number): void {
    this.intents.set(intentId, { emittedAtMs: nowMs, legs, filled: new Set() });
  }

  /** Clears the intent on a terminal decision; returns whether it was tracked. */
  onDecision(decision: IntentDecisionEvent): boolean {
    if (!TERMINAL_DECISION_STATUSES.has(decision.status)) return false;
    return this.intents.delete(decision.intent_id);
  }

  /** Counts a filled order (by client order id, so a redelivered fill counts once). */
  onFill(fill: OrderFillEvent): boolean {
    if (fill.intent_id === null) return false;
    const tracked = this.intents.get(fill.intent_id);
    if (!tracked) return false;
    tracked.filled.add(fill.client_order_id ?? fill.order_id);
    if (tracked.filled.size >= tracked.legs) this.intents.delete(fill.intent_id);
    return true;
  }

  /** Whether any intent is still in flight at `nowMs`. */
  any(nowMs: number): boolean {
    this.expire(nowMs);
    return this.intents.size > 0;
  }

  /** Whether this intent is still in flight. */
  has(intentId: string, nowMs: number): boolean {
    this.expire(nowMs);
    return this.intents.has(intentId);
  }

  /** The ids in flight (expired ones dropped first when `nowMs` is given). */
  ids(nowMs?: number): string[] {
    if (nowMs !== undefined) this.expire(nowMs);
    return [...this.intents.keys()];
  }

  /** Every tracked intent, for a snapshot. */
  save(): InFlightState {
    return [...this.intents].map(([id, t]) => ({
      id,
      emittedAtMs: t.emittedAtMs,
      legs: t.legs,
      filled: [...t.filled],
    }));
  }

  /** Replaces what is tracked with a saved state. */
  load(state: InFlightState): void {
    this.intents.clear();
    for (const t of state)
      this.intents.set(t.id, { emittedAtMs: t.emittedAtMs, legs: t.legs, filled: new Set(t.filled) });
  }

  private expire(nowMs: number): void {
    for (const [id, tracked] of this.intents) {
      if (nowMs - tracked.emittedAtMs >= this.ttlMs) this.intents.delete(id);
    }
  }
}

/**
 * Base of a strategy whose own fills and decisions matter only to its intents in flight: it
 * publishes nothing on them (the DeltaHedger and the PQVolTrader).
 */
export abstract class InFlightStrategy {
  protected readonly inFlight: InFlightTracker;

  constructor(inFlightTtlMs?: number) {
    this.inFlight = new InFlightTracker(inFlightTtlMs);
  }

  handleFill(fill: OrderFillEvent): StrategyOutput[] {
    this.inFlight.onFill(fill);
    return [];
  }

  handleDecision(decision: IntentDecisionEvent): StrategyOutput[] {
    this.inFlight.onDecision(decision);
    return [];
  }
}
