import { parseOptionSymbol } from '@gamma/shared';
import { signedQuantity } from './book-math.ts';
import type { SizedLeg } from './types.ts';

/** Capacity held by an approved intent until its fills arrive (SPEC §5.3 item 9). */
export interface Reservation {
  intentId: string;
  /** Remaining unfilled legs */
  legs: SizedLeg[];
  /** Released at this instant without a fill, epoch ms */
  expiresAtMs: number;
}

/** How long a reservation lives without a fill (SPEC §5.3 item 9). */
export const RESERVATION_TTL_MS = 60_000;

/** Adds (or replaces) an intent's reservation. */
export const reserve = (book: readonly Reservation[], r: Reservation): Reservation[] => [
  ...book.filter((x) => x.intentId !== r.intentId),
  r,
];

/** Drops an intent's reservation (`execution_rejected`). */
export const release = (book: readonly Reservation[], intentId: string): Reservation[] =>
  book.filter((x) => x.intentId !== intentId);

/** Drops reservations past their expiry. */
export const pruneExpired = <R extends Reservation>(book: readonly R[], nowMs: number): R[] =>
  book.filter((x) => x.expiresAtMs > nowMs);

/**
 * A fill turns part of a reservation into a position: the matching leg shrinks by the filled quantity
 * (matched by symbol, else for options by option type, since execution may pick other strikes than the
 * engine valued); a reservation with nothing left is dropped.
 */
export function applyFill(
  book: readonly Reservation[],
  fill: { intentId: string; symbol: string; quantity: number },
): Reservation[] {
  const type = parseOptionSymbol(fill.symbol)?.optionType;
  return book.flatMap((r) => {
    if (r.intentId !== fill.intentId) return [r];
    let index = r.legs.findIndex((l) => l.symbol === fill.symbol);
    if (index < 0 && type) index = r.legs.findIndex((l) => parseOptionSymbol(l.symbol)?.optionType === type);
    if (index < 0) return [r];
    const legs = r.legs
      .map((l, i) => (i === index ? { ...l, quantity: l.quantity - Math.abs(fill.quantity) } : l))
      .filter((l) => l.quantity > 1e-12);
    return legs.length === 0 ? [] : [{ ...r, legs }];
  });
}

/** Net reserved signed quantity per symbol. */
export function reservedBySymbol(book: readonly Reservation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of book) for (const l of r.legs) out[l.symbol] = (out[l.symbol] ?? 0) + signedQuantity(l);
  return out;
}
