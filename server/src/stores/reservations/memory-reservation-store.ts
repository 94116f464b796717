import type { RiskCheckVerdict } from '@gamma/shared';
import { checkOnBook } from '../../services/engine/core/book-view.ts';
import { MemoryCapacity } from './memory-capacity.ts';
import { coinOf, optionTypeOf } from './option-type.ts';
import type {
  BookEntry,
  BookFill,
  BookSeed,
  FillResult,
  ReservationStore,
  ReserveRequest,
  ReserveResult,
  RiskBookView,
  StoredReservation,
  UnitFigures,
} from './reservation-store.ts';

const DUST = 1e-12;
const signed = (l: { side: 'buy' | 'sell'; quantity: number }) =>
  l.side === 'buy' ? l.quantity : -l.quantity;
const blank = (coin: string, mark: number, notional: number): BookEntry => ({
  coin,
  held: 0,
  reserved: 0,
  mark,
  notional,
  delta: 0,
  gamma: 0,
  vega: 0,
  theta: 0,
});

/** The index of the leg a fill shrinks: same symbol and side, else for options the same type and side. */
function matchingLeg(r: StoredReservation, symbol: string, side: 'buy' | 'sell'): number {
  const bySymbol = r.legs.findIndex((l) => l.symbol === symbol && l.side === side);
  const type = optionTypeOf(symbol);
  if (bySymbol >= 0 || type === null) return bySymbol;
  return r.legs.findIndex((l) => l.optionType === type && l.side === side);
}

/**
 * The risk book and reservations in memory (one process; unit tests), with the rules of the Redis
 * scripts: the checks are the engine's pure cores on the same aggregates (`checkOnBook`).
 */
class MemoryReservationStore implements ReservationStore {
  private readonly reservations = new Map<string, StoredReservation>();
  private readonly entries: Record<string, BookEntry> = {};
  private readonly fills = new Set<string>();
  private fillsAfter: string | null = null;
  private seeded = false;
  private readonly capacity = new MemoryCapacity();
  /** Strategy → symbol → held, moved by fills: what its budget counts */
  private readonly strategyHeld: Record<string, Record<string, number>> = {};

  book(nowMs: number): Promise<RiskBookView> {
    this.prune(nowMs);
    return Promise.resolve(this.view());
  }

  list(nowMs: number): Promise<StoredReservation[]> {
    this.prune(nowMs);
    return Promise.resolve(structuredClone([...this.reservations.values()]));
  }

  tryReserve(request: ReserveRequest, nowMs: number, options: { reserve: boolean }): Promise<ReserveResult> {
    this.prune(nowMs);
    const id = request.reservation.intentId;
    // The budget counts the book's own per-strategy held, as the script does (not the engine's view)
    const capacity0 = request.capacity;
    const counted = capacity0
      ? { ...request, capacity: { ...capacity0, held: { ...(this.strategyHeld[request.strategyId] ?? {}) } } }
      : request;
    const outcome = checkOnBook(this.view(), counted, this.reservations.get(id) ?? null);
    // The pure pass leaves order_rate and duplicate_intent to the script's state: measured here as it does
    const capacity = this.capacity.check(request, nowMs);
    const stateful = new Map(capacity?.verdicts.map((v) => [v.check, v]));
    const checks: RiskCheckVerdict[] = outcome.checks.map((c) => ({ ...(stateful.get(c.check) ?? c) }));
    const passed = checks.every((c) => c.passed);
    const reserved = passed && options.reserve;
    capacity?.commit({ passed, reserved });
    if (reserved) {
      this.drop(id);
      for (const l of request.reservation.legs) {
        const f: UnitFigures | undefined = request.figures[l.symbol];
        const e = this.entries[l.symbol] ?? blank(l.coin, l.mark, l.spot);
        this.put(l.symbol, { ...e, ...(f ?? {}), reserved: e.reserved + signed(l) });
      }
      this.reservations.set(id, structuredClone(request.reservation));
    }
    return Promise.resolve({ reserved, checks });
  }

  release(intentId: string): Promise<boolean> {
    return Promise.resolve(this.drop(intentId));
  }

  fill(f: BookFill, { nowMs, ttlMs }: { nowMs: number; ttlMs: number }): Promise<FillResult> {
    this.prune(nowMs);
    if (this.fills.has(f.fillKey)) return Promise.resolve('REPEATED');
    this.fills.add(f.fillKey);
    const e = this.entries[f.symbol] ?? blank(coinOf(f.symbol), f.price, 0);
    this.put(f.symbol, { ...e, held: e.held + f.quantity });
    const mine = (this.strategyHeld[f.strategyId] ??= {});
    mine[f.symbol] = (mine[f.symbol] ?? 0) + f.quantity;
    if (f.entryId !== null) this.fillsAfter = f.entryId;
    const reserved = f.intentId === null ? undefined : this.reservations.get(f.intentId);
    const index = reserved ? matchingLeg(reserved, f.symbol, f.quantity > 0 ? 'buy' : 'sell') : -1;
    if (!reserved || index < 0) return Promise.resolve('HELD');
    const legs = reserved.legs.flatMap((l, i) => {
      if (i !== index) return [l];
      const taken = Math.min(Math.abs(f.quantity), l.quantity);
      this.move({ ...l, quantity: taken }, -1);
      return l.quantity - taken > DUST ? [{ ...l, quantity: l.quantity - taken }] : [];
    });
    if (legs.length === 0) this.reservations.delete(reserved.intentId);
    else this.reservations.set(reserved.intentId, { ...reserved, legs, expiresAtMs: nowMs + ttlMs });
    return Promise.resolve('APPLIED');
  }

  seed(seed: BookSeed): Promise<boolean> {
    if (this.seeded) return Promise.resolve(false);
    this.seeded = true;
    this.fillsAfter = seed.fillsAfter;
    for (const [symbol, h] of Object.entries(seed.held)) {
      const e = this.entries[symbol] ?? blank(h.coin, h.mark, 0);
      this.put(symbol, { ...e, held: h.quantity });
    }
    for (const [strategy, held] of Object.entries(seed.byStrategy)) this.strategyHeld[strategy] = { ...held };
    return Promise.resolve(true);
  }

  private view(): RiskBookView {
    return { entries: structuredClone(this.entries), tradingStates: {}, fillsAfter: this.fillsAfter };
  }

  private put(symbol: string, e: BookEntry): void {
    if (Math.abs(e.held) < DUST) e.held = 0;
    if (Math.abs(e.reserved) < DUST) e.reserved = 0;
    if (e.held === 0 && e.reserved === 0) delete this.entries[symbol];
    else this.entries[symbol] = e;
  }

  private move(l: StoredReservation['legs'][number], sign: 1 | -1): void {
    const e = this.entries[l.symbol] ?? blank(l.coin, l.mark, l.spot);
    this.put(l.symbol, { ...e, reserved: e.reserved + sign * signed(l) });
  }

  private drop(id: string): boolean {
    const r = this.reservations.get(id);
    if (!r) return false;
    for (const l of r.legs) this.move(l, -1);
    this.reservations.delete(id);
    return true;
  }

  private prune(nowMs: number): void {
    for (const [id, r] of [...this.reservations]) if (r.expiresAtMs <= nowMs) this.drop(id);
  }
}

/** A fresh in-memory book (one per desk of a test). */
export const createMemoryReservationStore = (): ReservationStore => new MemoryReservationStore();
