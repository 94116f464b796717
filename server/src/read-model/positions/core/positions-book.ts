import type { MarketTickEvent, OrderFillEvent, PositionFigures, VolatilitySurfaceEvent } from '@gamma/shared';
import { applyFillToPosition, underlyingOf } from '@gamma/shared';
import type { Stored } from '../../core/intents-state.ts';
import { compareIds, idMs } from '../../core/stream-id.ts';
import { createEquityCurve, pushSample, sampleDue, type EquityCurve } from './equity-curve.ts';
import { markOf, type MarkBook } from './marks.ts';

/** One strategy's position in one symbol, built from its fills. */
export interface BookPosition extends PositionFigures {
  strategyId: string;
  symbol: string;
  underlying: string;
  /** Fees paid on this symbol's fills, USDT */
  fees: number;
  /** Fills applied */
  fills: number;
  /** Stream entry ms of the last fill */
  lastFillMs: number;
}

/** The positions book: positions from `order.fill`, marks from `market.tick` and `market.vol_surface`. */
export interface PositionsBook extends MarkBook {
  /** Per `<strategy_id>|<symbol>` */
  positions: Map<string, BookPosition>;
  /** Last `order.fill` entry applied (fills apply once, in stream order) */
  lastFillId: string;
  equity: EquityCurve;
}

/** An empty book sampling its equity at most once per `sampleMs` on mark updates, keeping `maxPoints`. */
export function createPositionsBook(options: { sampleMs: number; maxPoints: number }): PositionsBook {
  return {
    positions: new Map(),
    lastFillId: '0-0',
    ticks: new Map(),
    surfaces: new Map(),
    fills: new Map(),
    equity: createEquityCurve(options),
  };
}

const keyOf = (strategyId: string, symbol: string): string => `${strategyId}|${symbol}`;
const msOf = (entry: Stored<{ timestamp: string }>): number =>
  idMs(entry.id) ?? Date.parse(entry.message.timestamp);

/** Realized (before fees), unrealized (positions with a mark) and fees of the whole book at `nowMs`. */
export function bookPnl(
  book: PositionsBook,
  nowMs: number,
): { realized: number; unrealized: number; fees: number } {
  let realized = 0;
  let unrealized = 0;
  let fees = 0;
  for (const p of book.positions.values()) {
    realized += p.realizedPnl;
    fees += p.fees;
    if (p.quantity === 0) continue;
    const mark = markOf(book, p.symbol, nowMs);
    if (mark) unrealized += (mark.price - p.avgPrice) * p.quantity;
  }
  return { realized, unrealized, fees };
}

function sample(book: PositionsBook, atMs: number, onFill: boolean): void {
  // Nothing to chart before the first fill: the curve starts with the book
  if (book.positions.size === 0 || !sampleDue(book.equity, atMs, onFill)) return;
  pushSample(book.equity, { atMs, ...bookPnl(book, atMs) });
}

/**
 * Applies a fill (once, in stream order) with the average-cost rules of SPEC §6.2 (`applyFillToPosition`),
 * adds its fee, makes its price the symbol's mark until the market moves, and samples the equity.
 */
export function applyFill(book: PositionsBook, entry: Stored<OrderFillEvent>): void {
  if (compareIds(entry.id, book.lastFillId) <= 0) return;
  book.lastFillId = entry.id;
  const fill = entry.message;
  if (!(fill.quantity > 0)) return;
  const atMs = msOf(entry);
  const key = keyOf(fill.strategy_id, fill.symbol);
  const before: BookPosition = book.positions.get(key) ?? {
    strategyId: fill.strategy_id,
    symbol: fill.symbol,
    underlying: underlyingOf(fill.symbol),
    quantity: 0,
    avgPrice: 0,
    realizedPnl: 0,
    fees: 0,
    fills: 0,
    lastFillMs: atMs,
  };
  const after = applyFillToPosition(before, fill);
  book.positions.set(key, {
    ...after,
    fees: before.fees + fill.fee,
    fills: before.fills + 1,
    lastFillMs: atMs,
  });
  book.fills.set(fill.symbol, { price: fill.price, atMs });
  sample(book, atMs, true);
}

/** Records a tick (the newest per symbol) and samples the equity when a sample is due. */
export function applyTick(book: PositionsBook, entry: Stored<MarketTickEvent>): void {
  const atMs = msOf(entry);
  const current = book.ticks.get(entry.message.symbol);
  if (current && current.atMs > atMs) return;
  book.ticks.set(entry.message.symbol, { tick: entry.message, atMs });
  sample(book, atMs, false);
}

/** Records a surface (the newest per underlying) and samples the equity when a sample is due. */
export function applySurface(book: PositionsBook, entry: Stored<VolatilitySurfaceEvent>): void {
  const atMs = msOf(entry);
  const current = book.surfaces.get(entry.message.underlying);
  if (current && current.atMs > atMs) return;
  book.surfaces.set(entry.message.underlying, { surface: entry.message, atMs });
  sample(book, atMs, false);
}
