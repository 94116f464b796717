import type { IntentDecisionEvent, OrderFillEvent } from '@gamma/shared';
import { parseOptionSymbol, underlyingOf } from '@gamma/shared';
import type { PartialsState } from './strategy-state.ts';

/** How long one filled leg of an option structure holds hedging back at most. */
export const PARTIAL_STRUCTURE_TIMEOUT_MS = 30_000;

/** Legs of an option structure (straddle / strangle). */
const STRUCTURE_LEGS = 2;

/** How many completed / rejected intent ids are remembered, so a redelivered fill cannot reopen them. */
const CLOSED_MEMORY = 1000;

interface OpenStructure {
  firstFillAtMs: number;
  legs: Set<string>;
}

/** The leg of a fill: `<intent_id>-<n>` suffix of `client_order_id`, else `metadata.leg`, else the order itself. */
export function legOf(fill: OrderFillEvent): string {
  const prefix = `${fill.intent_id ?? ''}-`;
  const cid = fill.client_order_id;
  if (fill.intent_id !== null && cid !== null && cid.startsWith(prefix)) {
    const suffix = cid.slice(prefix.length);
    if (/^\d+$/.test(suffix)) return `leg:${Number(suffix)}`;
  }
  const metaLeg: unknown = fill.metadata['leg'];
  if (typeof metaLeg === 'number' && Number.isInteger(metaLeg)) return `leg:${metaLeg}`;
  if (typeof metaLeg === 'string' && /^\d+$/.test(metaLeg)) return `leg:${Number(metaLeg)}`;
  return `order:${cid ?? fill.order_id}`;
}

/**
 * Option structures of one underlying that are partially filled (one leg of two). An option fill with
 * an `intent_id` opens the structure; it closes when a second distinct leg fills, on an
 * `execution_rejected` decision of that intent, or {@link PARTIAL_STRUCTURE_TIMEOUT_MS} after its first
 * leg fill, so a stuck leg never holds hedging back for ever. Pure: time is passed in.
 */
export class PartialStructureTracker {
  private readonly open = new Map<string, OpenStructure>();
  private readonly closed = new Set<string>();

  constructor(
    private readonly underlying: string,
    private readonly timeoutMs: number = PARTIAL_STRUCTURE_TIMEOUT_MS,
  ) {}

  /** Counts an option leg fill of this underlying; returns whether it concerned a structure. */
  onFill(fill: OrderFillEvent, nowMs: number): boolean {
    if (fill.intent_id === null || this.closed.has(fill.intent_id)) return false;
    if (parseOptionSymbol(fill.symbol) === null || underlyingOf(fill.symbol) !== this.underlying)
      return false;
    const tracked = this.open.get(fill.intent_id) ?? { firstFillAtMs: nowMs, legs: new Set<string>() };
    tracked.legs.add(legOf(fill));
    if (tracked.legs.size >= STRUCTURE_LEGS) {
      this.close(fill.intent_id);
    } else {
      this.open.set(fill.intent_id, tracked);
    }
    return true;
  }

  /** An `execution_rejected` decision releases that intent's structure; returns whether one was open. */
  onDecision(decision: IntentDecisionEvent): boolean {
    if (decision.status !== 'execution_rejected') return false;
    const wasOpen = this.open.has(decision.intent_id);
    this.close(decision.intent_id);
    return wasOpen;
  }

  /** Whether a structure is still partially filled at `nowMs` (timed-out ones dropped first). */
  any(nowMs: number): boolean {
    return this.ids(nowMs).length > 0;
  }

  /** Intent ids of the partially filled structures (timed-out ones dropped first when `nowMs` is given). */
  ids(nowMs?: number): string[] {
    if (nowMs !== undefined) {
      for (const [id, tracked] of this.open) {
        if (nowMs - tracked.firstFillAtMs >= this.timeoutMs) this.close(id);
      }
    }
    return [...this.open.keys()];
  }

  /** Open and recently closed structures, for a snapshot. */
  save(): PartialsState {
    return {
      open: [...this.open].map(([id, t]) => ({ id, firstFillAtMs: t.firstFillAtMs, legs: [...t.legs] })),
      closed: [...this.closed],
    };
  }

  /** Replaces what is tracked with a saved state. */
  load(state: PartialsState): void {
    this.open.clear();
    this.closed.clear();
    for (const t of state.open)
      this.open.set(t.id, { firstFillAtMs: t.firstFillAtMs, legs: new Set(t.legs) });
    for (const id of state.closed) this.closed.add(id);
  }

  private close(intentId: string): void {
    this.open.delete(intentId);
    this.closed.add(intentId);
    if (this.closed.size > CLOSED_MEMORY) {
      const oldest = this.closed.values().next();
      if (!oldest.done) this.closed.delete(oldest.value);
    }
  }
}
