import type { MarketTickEvent, OptionChainData, VolatilitySurfaceEvent } from '@gamma/shared';
import { isOptionSymbol, isPerpetualSymbol, parseOptionSymbol, underlyingOf } from '@gamma/shared';

/** The latest market data the exchange quotes from. */
export interface MarketBook {
  /** Latest tick per spot / perpetual symbol */
  ticks: ReadonlyMap<string, MarketTickEvent>;
  /** Latest surface per underlying spot symbol */
  surfaces: ReadonlyMap<string, VolatilitySurfaceEvent>;
}

/** Best bid and ask, USD. */
export interface Quote {
  bid: number | null;
  ask: number | null;
}

/** The three instrument kinds of SPEC §3.1. */
export type InstrumentKind = 'spot' | 'perpetual' | 'option';

/** Kind of a symbol: option by whole-symbol match, perpetual by `:SETTLE`, else spot. */
export function instrumentKind(symbol: string): InstrumentKind {
  if (isOptionSymbol(symbol)) return 'option';
  return isPerpetualSymbol(symbol) ? 'perpetual' : 'spot';
}

/** The surface row of an option symbol: by `symbol`, else by strike, expiry and type. */
export function optionRow(book: MarketBook, symbol: string): OptionChainData | null {
  const parsed = parseOptionSymbol(symbol);
  if (!parsed) return null;
  const surface = book.surfaces.get(underlyingOf(symbol));
  if (!surface) return null;
  const bySymbol = surface.surface_data.find((r) => r.symbol === symbol);
  if (bySymbol) return bySymbol;
  return (
    surface.surface_data.find(
      (r) => r.strike === parsed.strike && r.expiry === parsed.expiry && r.option_type === parsed.optionType,
    ) ?? null
  );
}

/** Tick mid ((bid + ask)/2 when both are positive, else last price). */
export function tickMid(tick: MarketTickEvent): number {
  if (tick.bid !== null && tick.ask !== null && tick.bid > 0 && tick.ask > 0)
    return (tick.bid + tick.ask) / 2;
  return tick.price;
}

/** Spot of an underlying: its spot tick mid, else the surface's spot, else the perpetual tick mid. */
export function spotOf(book: MarketBook, underlying: string): number | null {
  const tick = book.ticks.get(underlying);
  if (tick) return tickMid(tick);
  const surfaceSpot = book.surfaces.get(underlying)?.spot_price;
  if (surfaceSpot !== undefined && surfaceSpot !== null && surfaceSpot > 0) return surfaceSpot;
  const perp = book.ticks.get(`${underlying}:USDT`);
  return perp ? tickMid(perp) : null;
}

/**
 * The exchange's quote (SPEC §8.1): spot/perpetual from the latest tick, its missing side at
 * price ± spreadBps/2; options from the surface row. Null when nothing is known.
 */
export function quoteOf(book: MarketBook, symbol: string, spreadBps: number): Quote | null {
  if (instrumentKind(symbol) === 'option') {
    const row = optionRow(book, symbol);
    return row ? { bid: row.bid, ask: row.ask } : null;
  }
  const tick = book.ticks.get(symbol);
  if (!tick) return null;
  const half = (tick.price * spreadBps) / 2 / 10_000;
  return { bid: tick.bid ?? tick.price - half, ask: tick.ask ?? tick.price + half };
}
