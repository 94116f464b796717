import { above } from './tolerance.ts';
import type { RiskBook, SizedLeg } from './types.ts';

/** Signed quantity of a leg: + buy, − sell. */
export const signedQuantity = (leg: SizedLeg): number => (leg.side === 'buy' ? leg.quantity : -leg.quantity);

/**
 * Whether an order only shrinks positions: per instrument, the order's net quantity is opposite to the
 * book's position (reservations included) and no larger than it, so no |position| grows and none flips
 * side. An order without legs, or with a leg on a flat instrument, does not reduce exposure.
 */
export function reducesExposure(book: RiskBook, legs: readonly SizedLeg[]): boolean {
  if (legs.length === 0) return false;
  const net = new Map<string, number>();
  for (const leg of legs) net.set(leg.symbol, (net.get(leg.symbol) ?? 0) + signedQuantity(leg));
  for (const [symbol, change] of net) {
    const held = book.positions[symbol]?.quantity ?? 0;
    if (change === 0) continue;
    if (held === 0 || Math.sign(change) === Math.sign(held)) return false;
    if (above(Math.abs(change), Math.abs(held))) return false;
  }
  return true;
}
