import type { Side } from '@gamma/shared';

/** One strategy's position in one symbol. */
export interface PaperPosition {
  quantity: number;
  avgPrice: number;
  realizedPnl: number;
}

/** A flat position. */
export const FLAT: PaperPosition = { quantity: 0, avgPrice: 0, realizedPnl: 0 };

const EPS = 1e-12;

/**
 * Applies a fill (SPEC §6.2 accounting): same direction → weighted average; reducing → average kept,
 * realized PnL = (fill − avg) × closed × sign; crossing zero → the rest opens at the fill price; flat → avg 0.
 */
export function applyFill(
  pos: PaperPosition,
  fill: { side: Side; quantity: number; price: number },
): PaperPosition {
  const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
  const q = pos.quantity;
  if (q === 0 || Math.sign(q) === Math.sign(signed)) {
    const quantity = q + signed;
    const avgPrice = (Math.abs(q) * pos.avgPrice + Math.abs(signed) * fill.price) / Math.abs(quantity);
    return { quantity, avgPrice, realizedPnl: pos.realizedPnl };
  }
  const closed = Math.min(Math.abs(q), Math.abs(signed));
  const realizedPnl = pos.realizedPnl + (fill.price - pos.avgPrice) * closed * Math.sign(q);
  let quantity = q + signed;
  if (Math.abs(quantity) < EPS) quantity = 0;
  if (quantity === 0) return { quantity: 0, avgPrice: 0, realizedPnl };
  const crossed = Math.sign(quantity) !== Math.sign(q);
  return { quantity, avgPrice: crossed ? fill.price : pos.avgPrice, realizedPnl };
}
