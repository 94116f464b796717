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

/** Net reserved signed quantity per symbol. */
export function reservedBySymbol(book: readonly Reservation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of book) for (const l of r.legs) out[l.symbol] = (out[l.symbol] ?? 0) + signedQuantity(l);
  return out;
}
