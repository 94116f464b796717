import type { MarketTickEvent, VolatilitySurfaceEvent } from '@gamma/shared';
import { isOptionSymbol, parseOptionSymbol, underlyingOf, yearsToExpiry } from '@gamma/shared';
import { inverseOptionPrice, type PortfolioMarket } from '@gamma/shared/quant';

/** Where a mark comes from: surface mid, model price at the surface IV, tick mid, surface spot, last fill. */
export const MARK_SOURCES = ['mid', 'model', 'tick', 'surface_spot', 'fill'] as const;
export type MarkSource = (typeof MARK_SOURCES)[number];

/** A mark price, USD per unit, and when its source was seen (stream entry ms). */
export interface Mark {
  price: number;
  atMs: number;
  source: MarkSource;
}

/** The market data the book values with: latest tick per symbol, surface per underlying, fill per symbol. */
export interface MarkBook {
  ticks: Map<string, { tick: MarketTickEvent; atMs: number }>;
  surfaces: Map<string, { surface: VolatilitySurfaceEvent; atMs: number }>;
  fills: Map<string, { price: number; atMs: number }>;
}

const positive = (v: number | null | undefined): v is number => typeof v === 'number' && v > 0;

/** Tick mid ((bid + ask)/2 when both are positive), else its last price. */
export function tickMid(tick: MarketTickEvent): number {
  return positive(tick.bid) && positive(tick.ask) ? (tick.bid + tick.ask) / 2 : tick.price;
}

/** Spot of an underlying: its tick mid, else the surface's spot; null when neither is known. */
export function spotOf(book: MarkBook, underlying: string): number | null {
  const tick = book.ticks.get(underlying);
  if (tick) return tickMid(tick.tick);
  const spot = book.surfaces.get(underlying)?.surface.spot_price;
  return positive(spot) ? spot : null;
}

// The market mark of an option: the surface row's mid, else Black-76 (coin-settled, r = 0) at the row's IV
// (else the expiry's ATM IV, else `atm_iv`) and the expiry's forward, in USD.
function optionMark(book: MarkBook, symbol: string, nowMs: number): Mark | null {
  const option = parseOptionSymbol(symbol);
  if (!option) return null;
  const seen = book.surfaces.get(underlyingOf(symbol));
  if (!seen) return null;
  const { surface, atMs } = seen;
  const row =
    surface.surface_data.find((r) => r.symbol === symbol) ??
    surface.surface_data.find(
      (r) => r.strike === option.strike && r.expiry === option.expiry && r.option_type === option.optionType,
    );
  if (row && positive(row.bid) && positive(row.ask))
    return { price: (row.bid + row.ask) / 2, atMs, source: 'mid' };
  const sigma = [row?.implied_volatility, surface.term_structure[option.expiry], surface.atm_iv].find(
    positive,
  );
  const F = [surface.forwards?.[option.expiry], surface.spot_price, spotOf(book, underlyingOf(symbol))].find(
    positive,
  );
  if (sigma === undefined || F === undefined) return null;
  const T = Math.max(0, yearsToExpiry(option.expiry, nowMs));
  const price = F * inverseOptionPrice({ F, K: option.strike, T, sigma, type: option.optionType });
  return { price, atMs, source: 'model' };
}

// The market mark of a spot or perpetual symbol: its own tick mid, else (spot only) the surface's spot.
function linearMark(book: MarkBook, symbol: string): Mark | null {
  const tick = book.ticks.get(symbol);
  if (tick) return { price: tickMid(tick.tick), atMs: tick.atMs, source: 'tick' };
  const seen = book.surfaces.get(symbol);
  if (seen && positive(seen.surface.spot_price))
    return { price: seen.surface.spot_price, atMs: seen.atMs, source: 'surface_spot' };
  return null;
}

/**
 * The mark of a symbol at `nowMs`: the market's (options: surface mid, else model price at the surface IV;
 * spot and perpetuals: tick mid, else surface spot), unless a fill in that symbol is newer, whose price
 * stands until the market moves again. Null when nothing was seen.
 */
export function markOf(book: MarkBook, symbol: string, nowMs: number): Mark | null {
  const market = isOptionSymbol(symbol) ? optionMark(book, symbol, nowMs) : linearMark(book, symbol);
  const fill = book.fills.get(symbol);
  if (fill && (market === null || fill.atMs > market.atMs))
    return { price: fill.price, atMs: fill.atMs, source: 'fill' };
  return market;
}

/** The market view of the quant module's portfolio Greeks, at `nowMs`. */
export function portfolioMarketOf(book: MarkBook, nowMs: number): PortfolioMarket {
  return {
    nowMs,
    spot: (underlying) => spotOf(book, underlying),
    surface: (underlying) => book.surfaces.get(underlying)?.surface ?? null,
  };
}
