import { black76Price } from '@gamma/shared/quant';
import { parseOptionSymbol, underlyingOf, yearsToExpiry } from '@gamma/shared';
import { chainMidOf, forwardOf, impliedVolOf, spotOf, tickMid, type MarketData } from './market-data.ts';
import { kindOf, openHoldings, type Book } from './positions.ts';

/**
 * Mark of one instrument, USD per unit (SPEC §6.2): spot and perpetual = tick mid; option = chain mid,
 * else Black-76 (r = 0, USD) at the surface's IV for its strike and expiry; an expired option =
 * intrinsic value against spot. Null when the market data needed is missing.
 */
export function markOf(symbol: string, market: MarketData, nowMs: number): number | null {
  const option = parseOptionSymbol(symbol);
  if (!option) {
    const tick = market.ticks.get(symbol);
    return tick ? tickMid(tick) : spotOf(market, underlyingOf(symbol));
  }
  const underlying = underlyingOf(symbol);
  const T = yearsToExpiry(option.expiry, nowMs);
  if (T <= 0) {
    const spot = spotOf(market, underlying);
    if (spot === null) return null;
    return option.optionType === 'call'
      ? Math.max(spot - option.strike, 0)
      : Math.max(option.strike - spot, 0);
  }
  const mid = chainMidOf(market, symbol);
  if (mid !== null) return mid;
  const F = forwardOf(market, underlying, option.expiry);
  const sigma = impliedVolOf(market, option);
  if (F === null || sigma === null) return null;
  return black76Price({ F, K: option.strike, T, r: 0, sigma, type: option.optionType });
}

/** Book-wide valuation (SPEC §6.2). */
export interface Valuation {
  /** Equity (`total_value`), USD */
  equity: number;
  /** Σ |quantity × mark|, USD (perpetuals at notional) */
  positionValue: number;
  /** Σ |quantity| × spot of the underlying, USD */
  grossNotional: number;
  /** Position value / equity; null when equity ≤ 0 */
  positionRatio: number | null;
  /** Gross notional / equity; null when equity ≤ 0 */
  leverage: number | null;
  cash: number;
  /** Open positions */
  numPositions: number;
  /** Mark used per open symbol */
  marks: ReadonlyMap<string, number>;
  /** Symbols valued at their average price because no market data was known */
  unmarked: string[];
}

/**
 * Values the book: equity = cash + Σ spot q × mark + Σ option q × mark + Σ perpetual q × (mark − avg).
 * A holding without any market data is valued at its average price and listed in `unmarked`.
 */
export function valueBook(book: Book, market: MarketData, nowMs: number): Valuation {
  let equity = book.cash;
  let positionValue = 0;
  let grossNotional = 0;
  const marks = new Map<string, number>();
  const unmarked: string[] = [];
  const open = openHoldings(book);
  for (const h of open) {
    const known = markOf(h.symbol, market, nowMs);
    if (known === null) unmarked.push(h.symbol);
    const mark = known ?? h.avgPrice;
    marks.set(h.symbol, mark);
    const kind = kindOf(h.symbol);
    equity += kind === 'perpetual' ? h.quantity * (mark - h.avgPrice) : h.quantity * mark;
    positionValue += Math.abs(h.quantity * mark);
    const spot = spotOf(market, underlyingOf(h.symbol)) ?? (kind === 'option' ? null : mark);
    if (spot !== null) grossNotional += Math.abs(h.quantity) * spot;
  }
  const ratio = (x: number) => (equity > 0 ? x / equity : null);
  return {
    equity,
    positionValue,
    grossNotional,
    positionRatio: ratio(positionValue),
    leverage: ratio(grossNotional),
    cash: book.cash,
    numPositions: open.length,
    marks,
    unmarked,
  };
}

/** The highest equity seen, including this one. */
export const nextPeak = (peak: number | null, equity: number): number =>
  peak === null ? equity : Math.max(peak, equity);

/** Drawdown from the peak, (peak − equity) / peak, 0 when at or above the peak or the peak is ≤ 0. */
export const drawdownOf = (peak: number, equity: number): number =>
  peak > 0 ? Math.max(0, (peak - equity) / peak) : 0;
