import type { PositionUpdateEvent } from '@gamma/shared';

/** The UTC day of an instant, `YYYY-MM-DD`: the key of its start equity. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A trade a position update closes: the position's cumulative realized PnL after it and when. */
export interface TradeClose {
  strategyId: string;
  symbol: string;
  realizedPnl: number;
  atMs: number;
}

/**
 * The trade a `position.update` closes, if any: the strategy's position in the symbol was open
 * (`previousQuantity` ≠ 0) and the update leaves it flat or on the other side (crossing zero closes the
 * trade and opens another at the fill). Needs `metadata.realized_pnl` (the paper exchange sends it);
 * without it nothing is counted.
 */
export function tradeClosedBy(update: PositionUpdateEvent, previousQuantity: number): TradeClose | null {
  const realized = update.metadata.realized_pnl;
  if (typeof realized !== 'number' || !Number.isFinite(realized)) return null;
  if (previousQuantity === 0) return null;
  const closed = update.quantity === 0 || Math.sign(update.quantity) !== Math.sign(previousQuantity);
  if (!closed) return null;
  const atMs = Date.parse(update.timestamp);
  return { strategyId: update.strategy_id, symbol: update.symbol, realizedPnl: realized, atMs };
}
