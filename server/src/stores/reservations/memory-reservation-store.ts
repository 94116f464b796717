import { optionTypeOf } from './option-type.ts';
import type {
  FillResult,
  ReservationFill,
  ReservationStore,
  StoredReservation,
} from './reservation-store.ts';

const live = (book: readonly StoredReservation[], nowMs: number): StoredReservation[] =>
  book.filter((r) => r.expiresAtMs > nowMs);

/** The index of the leg a fill shrinks: the same symbol, else for options the same option type; -1 if none. */
function matchingLeg(r: StoredReservation, symbol: string): number {
  const bySymbol = r.legs.findIndex((l) => l.symbol === symbol);
  const type = optionTypeOf(symbol);
  return bySymbol >= 0 || type === null ? bySymbol : r.legs.findIndex((l) => l.optionType === type);
}

/** What is left of a reservation after a fill of `quantity` on leg `index`; null when nothing is. */
function shrink(
  r: StoredReservation,
  fill: { index: number; quantity: number },
  expiresAtMs: number,
): StoredReservation | null {
  const legs = r.legs
    .map((l, i) => (i === fill.index ? { ...l, quantity: l.quantity - Math.abs(fill.quantity) } : l))
    .filter((l) => l.quantity > 1e-12);
  return legs.length === 0 ? null : { ...r, legs, expiresAtMs };
}

/**
 * Reservations in memory (one process; unit tests), with the fill and expiry rules of the Redis scripts.
 * `tryReserve` is optimistic instead of re-checking limits: it reserves only when the live reservations
 * are still those the engine evaluated against, else it hands back the new ones.
 */
export function createMemoryReservationStore(): ReservationStore {
  let book: StoredReservation[] = [];
  const fills = new Set<string>();
  const prune = (nowMs: number) => (book = live(book, nowMs));
  return {
    list: (nowMs) => Promise.resolve(structuredClone(prune(nowMs))),
    tryReserve(request, seen, nowMs) {
      const id = request.reservation.intentId;
      const others = prune(nowMs).filter((r) => r.intentId !== id);
      const unchanged = JSON.stringify(others) === JSON.stringify(seen.filter((r) => r.intentId !== id));
      if (!unchanged)
        return Promise.resolve({ ok: false, failed: [], reservations: structuredClone(others) });
      book = [...others, structuredClone(request.reservation)];
      return Promise.resolve({ ok: true });
    },
    release(intentId) {
      const before = book.length;
      book = book.filter((r) => r.intentId !== intentId);
      return Promise.resolve(book.length < before);
    },
    fill(f: ReservationFill, { nowMs, ttlMs }): Promise<FillResult> {
      prune(nowMs);
      if (fills.has(f.fillKey)) return Promise.resolve('REPEATED');
      fills.add(f.fillKey);
      const mine = book.find((r) => r.intentId === f.intentId);
      const index = mine ? matchingLeg(mine, f.symbol) : -1;
      if (!mine || index < 0) return Promise.resolve('NO_MATCH');
      const left = shrink(mine, { index, quantity: f.quantity }, nowMs + ttlMs);
      book = book.flatMap((r) => (r !== mine ? [r] : left ? [left] : []));
      return Promise.resolve('APPLIED');
    },
  };
}
