import type { Side } from './messages/common.ts';

/** The part of a position that fills change. */
export interface PositionFigures {
  /** Signed quantity: + long, − short */
  quantity: number;
  /** Average entry price, USD; 0 when flat */
  avgPrice: number;
  /** Cumulative realized PnL, USD */
  realizedPnl: number;
}

const EPS = 1e-12;

/**
 * A position after a fill (SPEC §6.2): same direction → weighted average; reducing → average kept, realized
 * PnL = (fill − avg) × closed × sign(position); crossing zero → the rest opens at the fill price; flat → avg 0.
 * Other fields of the position are kept.
 */
export function applyFillToPosition<TPosition extends PositionFigures>(
  pos: TPosition,
  fill: { side: Side; quantity: number; price: number },
): TPosition {
  const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
  const q = pos.quantity;
  if (q === 0 || Math.sign(q) === Math.sign(signed)) {
    const quantity = q + signed;
    const avgPrice = (Math.abs(q) * pos.avgPrice + Math.abs(signed) * fill.price) / Math.abs(quantity);
    return { ...pos, quantity, avgPrice };
  }
  const closed = Math.min(Math.abs(q), Math.abs(signed));
  const realizedPnl = pos.realizedPnl + (fill.price - pos.avgPrice) * closed * Math.sign(q);
  const quantity = Math.abs(q + signed) < EPS ? 0 : q + signed;
  if (quantity === 0) return { ...pos, quantity: 0, avgPrice: 0, realizedPnl };
  const crossed = Math.sign(quantity) !== Math.sign(q);
  return { ...pos, quantity, avgPrice: crossed ? fill.price : pos.avgPrice, realizedPnl };
}
