import type { DataAges } from './types.ts';
import {
  parseOptionSymbol,
  underlyingOf,
  type MarketTickEvent,
  type VolatilitySurfaceEvent,
} from '@gamma/shared';

/** The latest market data the engine holds: tick mids and times by symbol, surfaces by underlying. */
export interface MarketView {
  /** Symbol → latest tick mid, USD */
  mids: Readonly<Record<string, number>>;
  /**
   * Symbol → the `timestamp` of its latest tick, epoch ms (a surface's time is its own `timestamp`); the
   * engine's state always has it, a view without it knows no tick's age (`market_data_age` fails)
   */
  tickAtMs?: Readonly<Record<string, number>>;
  /** Underlying spot symbol → latest surface */
  surfaces: Readonly<Record<string, VolatilitySurfaceEvent>>;
}

const positive = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Mid of a tick: (bid + ask) / 2 when both are positive, else the last price; null if neither is usable. */
export function tickMid(tick: MarketTickEvent): number | null {
  if (positive(tick.bid) && positive(tick.ask)) return (tick.bid + tick.ask) / 2;
  return positive(tick.price) ? tick.price : null;
}

/** Chain mid of an option symbol on its underlying's latest surface; null when not listed or unquoted. */
export function optionMid(symbol: string, market: MarketView): number | null {
  const option = parseOptionSymbol(symbol);
  if (!option) return null;
  const surface = market.surfaces[underlyingOf(symbol)];
  const row = surface?.surface_data.find(
    (r) => r.expiry === option.expiry && r.strike === option.strike && r.option_type === option.optionType,
  );
  if (!row) return null;
  if (positive(row.bid) && positive(row.ask)) return (row.bid + row.ask) / 2;
  return positive(row.last) ? row.last : null;
}

/** Mark of an instrument from market data: tick mid, else (options) chain mid; null when unknown. */
export const marketMark = (symbol: string, market: MarketView): number | null =>
  market.mids[symbol] ?? optionMid(symbol, market);

/** Spot of an instrument's underlying: its tick mid, else the surface's spot price; null when unknown. */
export function spotOf(symbol: string, market: MarketView): number | null {
  const underlying = underlyingOf(symbol);
  const mid = market.mids[underlying];
  if (positive(mid)) return mid;
  const spot = market.surfaces[underlying]?.spot_price;
  return positive(spot) ? spot : null;
}

/**
 * The ages of the market data an order on `symbol` is valued on, seconds (null when never seen): an
 * option action or an option symbol → the underlying's tick and surface; anything else → its own tick.
 */
export function dataAges(
  order: { symbol: string; route: 'order' | 'execution' },
  market: MarketView,
  nowMs: number,
): DataAges {
  const age = (atMs: number | undefined): number | null =>
    atMs === undefined ? null : (nowMs - atMs) / 1000;
  const needsSurface = order.route === 'execution' || parseOptionSymbol(order.symbol) !== null;
  if (!needsSurface) return { tickS: age(market.tickAtMs?.[order.symbol]), surfaceS: null, needsSurface };
  const underlying = underlyingOf(order.symbol);
  const surface = market.surfaces[underlying];
  return {
    tickS: age(market.tickAtMs?.[underlying]),
    surfaceS: surface === undefined ? null : age(Date.parse(surface.timestamp)),
    needsSurface,
  };
}
