import type { MarketTickEvent, VolatilitySurfaceEvent } from '@gamma/shared';
import { parseOptionSymbol, underlyingOf, type OptionSymbol } from '@gamma/shared';

/** The latest market data the risk service values from. */
export interface MarketData {
  /** Latest tick per spot / perpetual symbol */
  ticks: ReadonlyMap<string, MarketTickEvent>;
  /** Latest surface per underlying spot symbol */
  surfaces: ReadonlyMap<string, VolatilitySurfaceEvent>;
}

/** Tick mid: (bid + ask)/2 when both are positive, else the last price. */
export function tickMid(tick: MarketTickEvent): number {
  if (tick.bid !== null && tick.ask !== null && tick.bid > 0 && tick.ask > 0)
    return (tick.bid + tick.ask) / 2;
  return tick.price;
}

/** Spot of an underlying: its spot tick mid, else the perpetual's tick mid, else the surface's spot. */
export function spotOf(market: MarketData, underlying: string): number | null {
  const tick = market.ticks.get(underlying) ?? market.ticks.get(`${underlying}:USDT`);
  if (tick) return tickMid(tick);
  const s = market.surfaces.get(underlying)?.spot_price;
  return s !== undefined && s !== null && s > 0 ? s : null;
}

/** Forward of an expiry: `forwards[expiry]`, else the surface's spot, else the latest tick (SPEC §3.2). */
export function forwardOf(market: MarketData, underlying: string, expiry: string): number | null {
  const surface = market.surfaces.get(underlying);
  const f = surface?.forwards?.[expiry];
  if (f !== undefined && f > 0) return f;
  const s = surface?.spot_price;
  if (s !== undefined && s !== null && s > 0) return s;
  const tick = market.ticks.get(underlying);
  return tick ? tickMid(tick) : null;
}

/**
 * Implied vol of an option from its underlying's surface: the row of that strike, expiry and type;
 * else the other type at that strike; else the nearest listed strike of the expiry; else the expiry's
 * ATM vol (`term_structure`); else `atm_iv`. Null without a surface.
 */
export function impliedVolOf(market: MarketData, option: OptionSymbol): number | null {
  const surface = market.surfaces.get(`${option.base}/USDT`);
  if (!surface) return null;
  const sameExpiry = surface.surface_data.filter(
    (r) => r.expiry === option.expiry && r.implied_volatility > 0,
  );
  const atStrike = sameExpiry.filter((r) => r.strike === option.strike);
  const exact = atStrike.find((r) => r.option_type === option.optionType) ?? atStrike[0];
  if (exact) return exact.implied_volatility;
  let nearest: { iv: number; dist: number } | null = null;
  for (const r of sameExpiry) {
    const dist = Math.abs(r.strike - option.strike);
    if (nearest === null || dist < nearest.dist) nearest = { iv: r.implied_volatility, dist };
  }
  if (nearest) return nearest.iv;
  const term = surface.term_structure[option.expiry];
  if (term !== undefined && term > 0) return term;
  return surface.atm_iv > 0 ? surface.atm_iv : null;
}

/** Chain mid of an option from its surface row, when both sides are positive. */
export function chainMidOf(market: MarketData, symbol: string): number | null {
  const option = parseOptionSymbol(symbol);
  if (!option) return null;
  const surface = market.surfaces.get(underlyingOf(symbol));
  const row =
    surface?.surface_data.find((r) => r.symbol === symbol) ??
    surface?.surface_data.find(
      (r) => r.strike === option.strike && r.expiry === option.expiry && r.option_type === option.optionType,
    );
  if (!row || !(row.bid > 0) || !(row.ask > 0)) return null;
  return (row.bid + row.ask) / 2;
}
