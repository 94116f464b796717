import { inverseOptionPrice, venueGreeks } from './inverse.ts';
import {
  forwardOf,
  impliedVolOf,
  parseOption,
  positive,
  underlyingOfSymbol,
  type ParsedOption,
  type PortfolioMarket,
} from './portfolio-market.ts';
import type { Greeks } from './types.ts';

/** A position, or a proposed leg, in one symbol: signed quantity (long > 0, short < 0), in coins / options. */
export interface SignedPosition {
  symbol: string;
  quantity: number;
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

const YEAR_MS = 365 * 86_400_000;

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
