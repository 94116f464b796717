import { baseCoinOf } from '@gamma/shared';
import type { HeldPosition, OrderLeg, RiskBook, SizedLeg } from './types.ts';

/** The base coin of a symbol, upper case (`BTC`): an instrument's underlying in the risk book. */
export const coinOf = (symbol: string): string => baseCoinOf(symbol).toUpperCase();

/** Signed quantity of a leg: buys add, sells subtract. */
export const signedQuantity = (leg: SizedLeg): number => (leg.side === 'buy' ? leg.quantity : -leg.quantity);

/** The book's positions after the order: each leg's quantity added to its symbol (mark and spot from the leg). */
export function positionsAfter(book: RiskBook, legs: readonly OrderLeg[]): Record<string, HeldPosition> {
  const out: Record<string, HeldPosition> = { ...book.positions };
  for (const leg of legs) {
    const held = out[leg.symbol];
    out[leg.symbol] = {
      quantity: (held?.quantity ?? 0) + signedQuantity(leg),
      mark: leg.mark,
      spot: leg.spot,
      ...(leg.greeks ? { greeks: leg.greeks } : {}),
    };
  }
  return out;
}

/** The positions before the order, with each ordered symbol's mark and spot taken from the order's legs. */
export function positionsBefore(book: RiskBook, legs: readonly OrderLeg[]): Record<string, HeldPosition> {
  const out: Record<string, HeldPosition> = { ...book.positions };
  for (const leg of legs) {
    const held = out[leg.symbol];
    if (held)
      out[leg.symbol] = {
        ...held,
        mark: leg.mark,
        spot: leg.spot,
        ...(leg.greeks ? { greeks: leg.greeks } : {}),
      };
  }
  return out;
}

/** Position value: Σ |quantity × mark| (unknown marks count 0), USD. */
export const positionValue = (positions: Readonly<Record<string, HeldPosition>>): number =>
  Object.values(positions).reduce((sum, p) => sum + Math.abs(p.quantity * (p.mark ?? 0)), 0);

/** Gross notional: Σ |quantity| × spot of the underlying (unknown spot: the mark; else 0), USD. */
export const grossNotional = (positions: Readonly<Record<string, HeldPosition>>): number =>
  Object.values(positions).reduce((sum, p) => sum + Math.abs(p.quantity) * (p.spot ?? p.mark ?? 0), 0);

/** Rounds a ratio to 4 decimals for the verdict, as in the SPEC example (0.3333). */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Formats a decimal as a percentage with 2 decimals: 0.33333 → `33.33%`. */
export const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
