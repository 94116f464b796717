import { inverseOptionPrice, venueGreeks } from './inverse.ts';
import type { Greeks, OptionType } from './types.ts';

/** A position, or a proposed leg, in one symbol: signed quantity (long > 0, short < 0), in coins / options. */
export interface SignedPosition {
  symbol: string;
  quantity: number;
}

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

/**
 * Greeks of one underlying in display units (SPEC §9), summed over positions: delta in coins, gamma per
 * 1 USD, vega USD per vol point, theta USD per calendar day, rho USD per rate point.
 */
export interface UnderlyingGreeks extends Greeks {
  /** Premium-adjusted delta (coin-settled account view): Σ (venue delta − price in coin) × quantity, coins */
  netDelta: number;
  /** delta × spot, USD; null when the underlying's spot is unknown */
  deltaUsd: number | null;
}

/** Portfolio Greeks in display units (SPEC §9). */
export interface PortfolioGreeks {
  /** Underlying spot symbol → Greeks; every underlying with a non-zero position appears */
  byUnderlying: Record<string, UnderlyingGreeks>;
  /**
   * `underlying|expiry` → Greeks of that expiry's options; spot positions under `underlying|spot`,
   * perpetuals under `underlying|perpetual`, so the buckets of an underlying sum to its totals.
   */
  byExpiry: Record<string, Greeks>;
  /** Option symbols that could not be priced (no surface, IV or forward; invalid expiry): left out of every sum */
  unpriced: string[];
}

/** Before/after Greeks of one underlying for a proposed set of legs. */
export interface UnderlyingWhatIf {
  before: UnderlyingGreeks;
  after: UnderlyingGreeks;
  /** Symbols of this underlying left out of `before` or `after` because they could not be priced */
  unpriced: string[];
}

interface ParsedOption {
  base: string;
  expiry: string;
  strike: number;
  type: OptionType;
}

const OPTION_RE = /^([A-Z0-9]+)-(\d{4})(\d{2})(\d{2})-(\d+(?:\.\d+)?)-([CP])$/;
const YEAR_MS = 365 * 86_400_000;

// SPEC §3.1 option symbol, kept local so the quant module imports nothing outside itself.
function parseOption(symbol: string): ParsedOption | null {
  const m = OPTION_RE.exec(symbol);
  if (!m) return null;
  const [, base, y, mo, d, strike, cp] = m;
  if (base === undefined || strike === undefined) return null;
  return { base, expiry: `${y}-${mo}-${d}`, strike: Number(strike), type: cp === 'C' ? 'call' : 'put' };
}

function underlyingOfSymbol(symbol: string, option: ParsedOption | null): string {
  if (option) return `${option.base}/USDT`;
  const colon = symbol.indexOf(':');
  return colon >= 0 ? symbol.slice(0, colon) : symbol;
}

const positive = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0;

/** Forward of an expiry: `forwards[expiry]`, else the surface's spot, else the market spot (SPEC §3.2). */
function forwardOf(surface: SurfaceLike, expiry: string, spot: number | null): number | null {
  const f = surface.forwards?.[expiry];
  if (positive(f)) return f;
  if (positive(surface.spot_price)) return surface.spot_price;
  return positive(spot) ? spot : null;
}

/**
 * IV of an option from its surface: the row of that strike, expiry and type; else the other type at that
 * strike; else the nearest listed strike of the expiry; else the expiry's ATM vol; else `atm_iv`.
 */
function impliedVolOf(surface: SurfaceLike, o: ParsedOption): number | null {
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

interface Unit extends Greeks {
  netDelta: number;
  bucket: string;
}

const zeroGreeks = (): Greeks => ({ delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });

// Per-unit display Greeks of one symbol and its by-expiry bucket; null when an option cannot be priced.
function unitOf(
  symbol: string,
  where: { option: ParsedOption | null; underlying: string },
  market: PortfolioMarket,
): Unit | null {
  const { option, underlying } = where;
  if (!option) {
    const bucket = symbol.includes(':') ? 'perpetual' : 'spot';
    return { ...zeroGreeks(), delta: 1, netDelta: 1, bucket };
  }
  const T = (Date.parse(`${option.expiry}T08:00:00.000Z`) - market.nowMs) / YEAR_MS;
  if (!Number.isFinite(T) || !(option.strike > 0)) return null;
  if (T <= 0) return { ...zeroGreeks(), netDelta: 0, bucket: option.expiry };
  const surface = market.surface(underlying);
  if (!surface) return null;
  const F = forwardOf(surface, option.expiry, market.spot(underlying));
  const sigma = impliedVolOf(surface, option);
  if (F === null || sigma === null) return null;
  const input = { F, K: option.strike, T, sigma, type: option.type };
  const g = venueGreeks(input);
  return { ...g, netDelta: g.delta - inverseOptionPrice(input), bucket: option.expiry };
}

function addScaled(acc: Greeks, unit: Greeks, q: number): void {
  acc.delta += unit.delta * q;
  acc.gamma += unit.gamma * q;
  acc.vega += unit.vega * q;
  acc.theta += unit.theta * q;
  acc.rho += unit.rho * q;
}

function requireQuantity(p: SignedPosition): void {
  if (!Number.isFinite(p.quantity))
    throw new RangeError(`quantity of ${p.symbol} must be a finite number, got ${p.quantity}`);
}

/**
 * Portfolio Greeks per underlying and per expiry in USD display units (SPEC §6.2, §9). Each option
 * contributes venueGreeks × quantity at the surface IV for its strike and expiry (fallbacks: the other
 * type at that strike, the nearest strike of the expiry, the expiry's ATM vol, `atm_iv`), F from
 * `forwards` (else the surface's spot, else `market.spot`), T to 08:00 UTC of the expiry; an expired
 * option contributes zeros. Spot and perpetual positions contribute delta = quantity (and net delta =
 * quantity). `total_delta` is plain delta; `netDelta` is the premium-adjusted one beside it.
 * Zero quantities are skipped; options that cannot be priced are listed in `unpriced`.
 * @throws RangeError when a quantity is not finite.
 */
export function portfolioGreeks(
  positions: Iterable<SignedPosition>,
  market: PortfolioMarket,
): PortfolioGreeks {
  const byUnderlying: Record<string, UnderlyingGreeks> = {};
  const byExpiry: Record<string, Greeks> = {};
  const unpriced: string[] = [];
  for (const p of positions) {
    requireQuantity(p);
    if (p.quantity === 0) continue;
    const option = parseOption(p.symbol);
    const underlying = underlyingOfSymbol(p.symbol, option);
    const acc = (byUnderlying[underlying] ??= { ...zeroGreeks(), netDelta: 0, deltaUsd: null });
    const unit = unitOf(p.symbol, { option, underlying }, market);
    if (unit === null) {
      unpriced.push(p.symbol);
      continue;
    }
    addScaled(acc, unit, p.quantity);
    acc.netDelta += unit.netDelta * p.quantity;
    addScaled((byExpiry[`${underlying}|${unit.bucket}`] ??= zeroGreeks()), unit, p.quantity);
  }
  for (const [underlying, g] of Object.entries(byUnderlying)) {
    const spot = market.spot(underlying) ?? market.surface(underlying)?.spot_price ?? null;
    g.deltaUsd = positive(spot) ? g.delta * spot : null;
  }
  return { byUnderlying, byExpiry, unpriced };
}

/** Nets positions and legs per symbol (signed quantities). */
function netPositions(positions: Iterable<SignedPosition>, legs: Iterable<SignedPosition>): SignedPosition[] {
  const net = new Map<string, number>();
  for (const p of positions) {
    requireQuantity(p);
    net.set(p.symbol, (net.get(p.symbol) ?? 0) + p.quantity);
  }
  for (const leg of legs) {
    requireQuantity(leg);
    net.set(leg.symbol, (net.get(leg.symbol) ?? 0) + leg.quantity);
  }
  return [...net].map(([symbol, quantity]) => ({ symbol, quantity }));
}

const emptyUnderlying = (): UnderlyingGreeks => ({ ...zeroGreeks(), netDelta: 0, deltaUsd: 0 });

/**
 * What-if: the portfolio's Greeks per underlying before and after the proposed legs are filled, in the
 * units of {@link portfolioGreeks}. Leg quantities are signed (buy > 0, sell < 0) and net with the
 * positions per symbol. Every underlying held before or after appears; one without positions on a side
 * reads all zeros there.
 * @throws RangeError when a quantity is not finite.
 */
export function greeksWhatIf(
  positions: Iterable<SignedPosition>,
  legs: Iterable<SignedPosition>,
  market: PortfolioMarket,
): Record<string, UnderlyingWhatIf> {
  const held = [...positions];
  const before = portfolioGreeks(held, market);
  const after = portfolioGreeks(netPositions(held, legs), market);
  const out: Record<string, UnderlyingWhatIf> = {};
  const underlyings = new Set([...Object.keys(before.byUnderlying), ...Object.keys(after.byUnderlying)]);
  for (const u of underlyings) {
    const ofU = (s: string) => underlyingOfSymbol(s, parseOption(s)) === u;
    out[u] = {
      before: before.byUnderlying[u] ?? emptyUnderlying(),
      after: after.byUnderlying[u] ?? emptyUnderlying(),
      unpriced: [...new Set([...before.unpriced.filter(ofU), ...after.unpriced.filter(ofU)])],
    };
  }
  return out;
}
