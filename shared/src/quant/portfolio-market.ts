/** How the portfolio aggregation reads the market: option symbols, the surface rows, forwards and IVs. */
import type { OptionType } from './types.ts';

/** The part of a surface row (`market.vol_surface` `surface_data[]`) the aggregation reads. */
export interface SurfaceRowLike {
  strike: number;
  /** `YYYY-MM-DD`, expires 08:00 UTC that day */
  expiry: string;
  option_type: OptionType;
  /** Annualised decimal */
  implied_volatility: number;
}

/** The part of a VolatilitySurfaceEvent the aggregation reads (SPEC §3.2). */
export interface SurfaceLike {
  surface_data: readonly SurfaceRowLike[];
  /** ATM IV of the surface's ATM expiry, annualised decimal */
  atm_iv: number;
  /** Expiry → ATM IV */
  term_structure: Readonly<Record<string, number>>;
  /** Spot when the surface was built, USD */
  spot_price: number | null;
  /** Expiry → forward F, USD */
  forwards: Readonly<Record<string, number>> | null;
}

/** The market view the aggregation prices with. */
export interface PortfolioMarket {
  /** Valuation instant, epoch ms (T runs to 08:00 UTC of the expiry) */
  nowMs: number;
  /** Spot of an underlying spot symbol (`BTC/USDT`), USD; null when unknown */
  spot(underlying: string): number | null;
  /** Latest surface of an underlying spot symbol; null when none */
  surface(underlying: string): SurfaceLike | null;
}

/** An option symbol (SPEC §3.1) split into its parts. */
export interface ParsedOption {
  base: string;
  expiry: string;
  strike: number;
  type: OptionType;
}

const OPTION_RE = /^([A-Z0-9]+)-(\d{4})(\d{2})(\d{2})-(\d+(?:\.\d+)?)-([CP])$/;

/**
 * The parts of a SPEC §3.1 option symbol; null for a spot or perpetual symbol. Parsed here so the quant
 * module imports nothing outside itself.
 */
export function parseOption(symbol: string): ParsedOption | null {
  const m = OPTION_RE.exec(symbol);
  if (!m) return null;
  const [, base, y, mo, d, strike, cp] = m;
  if (base === undefined || strike === undefined) return null;
  return { base, expiry: `${y}-${mo}-${d}`, strike: Number(strike), type: cp === 'C' ? 'call' : 'put' };
}

/** The underlying spot symbol of a symbol: `BTC/USDT` for a BTC option, the part before `:` for a perpetual. */
export function underlyingOfSymbol(symbol: string, option: ParsedOption | null): string {
  if (option) return `${option.base}/USDT`;
  const colon = symbol.indexOf(':');
  return colon >= 0 ? symbol.slice(0, colon) : symbol;
}

/** A defined number > 0. */
export const positive = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0;

/** Forward of an expiry: `forwards[expiry]`, else the surface's spot, else the market spot (SPEC §3.2). */
export function forwardOf(surface: SurfaceLike, expiry: string, spot: number | null): number | null {
  const f = surface.forwards?.[expiry];
  if (positive(f)) return f;
  if (positive(surface.spot_price)) return surface.spot_price;
  return positive(spot) ? spot : null;
}

/**
 * IV of an option from its surface: the row of that strike, expiry and type; else the other type at that
 * strike; else the nearest listed strike of the expiry; else the expiry's ATM vol; else `atm_iv`.
 */
export function impliedVolOf(surface: SurfaceLike, o: ParsedOption): number | null {
  let other: number | null = null;
  let nearest: number | null = null;
  let nearestDist = Infinity;
  for (const r of surface.surface_data) {
    if (r.expiry !== o.expiry || !(r.implied_volatility > 0)) continue;
    if (r.strike === o.strike) {
      if (r.option_type === o.type) return r.implied_volatility;
      other ??= r.implied_volatility;
    }
    const dist = Math.abs(r.strike - o.strike);
    if (dist < nearestDist) {
      nearestDist = dist;
      nearest = r.implied_volatility;
    }
  }
  if (other !== null) return other;
  if (nearest !== null) return nearest;
  const term = surface.term_structure[o.expiry];
  if (positive(term)) return term;
  return surface.atm_iv > 0 ? surface.atm_iv : null;
}
