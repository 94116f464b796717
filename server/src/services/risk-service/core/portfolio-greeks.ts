import type { Side } from '@gamma/shared';
import type { Greeks, PortfolioMarket } from '@gamma/shared/quant';
import { portfolioGreeks as sharedPortfolioGreeks } from '@gamma/shared/quant';
import { spotOf, type MarketData } from './market-data.ts';

/** Greeks of one underlying in display units (SPEC §9), summed over positions. */
export interface UnderlyingGreeks {
  /** Coins of the underlying */
  delta: number;
  /** Delta change per 1 USD */
  gamma: number;
  /** USD per 1 vol point */
  vega: number;
  /** USD per calendar day */
  theta: number;
  /** USD per 1 rate point */
  rho: number;
  /** Premium-adjusted delta (coin-settled view), coins */
  netDelta: number;
}

/** Portfolio Greeks per underlying and per expiry, and the option positions that could not be priced. */
export interface PortfolioGreeks {
  byUnderlying: Map<string, UnderlyingGreeks>;
  /** `underlying|expiry` (or `underlying|spot`, `underlying|perpetual`) → Greeks; sums to the underlying totals */
  byExpiry: Record<string, Greeks>;
  /** Option symbols without surface or forward: their delta, gamma… are left out */
  unpriced: string[];
}

/** A position (or a proposed leg, signed) in one symbol. */
export interface SignedQuantity {
  symbol: string;
  quantity: number;
}

/** The risk service's market data as the quant core's market view. */
export function portfolioMarketOf(market: MarketData, nowMs: number): PortfolioMarket {
  return {
    nowMs,
    spot: (underlying) => spotOf(market, underlying),
    surface: (underlying) => market.surfaces.get(underlying) ?? null,
  };
}

/**
 * Sums per-unit Greeks × quantity per underlying and per expiry (SPEC §6.2): an adapter over
 * `portfolioGreeks` of `@gamma/shared/quant`, which holds the math.
 */
export function portfolioGreeks(
  positions: Iterable<SignedQuantity>,
  market: MarketData,
  nowMs: number,
): PortfolioGreeks {
  const r = sharedPortfolioGreeks(positions, portfolioMarketOf(market, nowMs));
  const byUnderlying = new Map<string, UnderlyingGreeks>();
  for (const [underlying, g] of Object.entries(r.byUnderlying)) {
    const { delta, gamma, vega, theta, rho, netDelta } = g;
    byUnderlying.set(underlying, { delta, gamma, vega, theta, rho, netDelta });
  }
  return { byUnderlying, byExpiry: r.byExpiry, unpriced: r.unpriced };
}

/**
 * Per-unit display Greeks and net delta of one instrument: spot and perpetual have delta 1; an option
 * uses venueGreeks at the surface IV for its strike and expiry (expired → zeros). Null when an option
 * cannot be priced.
 */
export function unitGreeks(symbol: string, market: MarketData, nowMs: number): UnderlyingGreeks | null {
  const r = portfolioGreeks([{ symbol, quantity: 1 }], market, nowMs);
  if (r.unpriced.length > 0) return null;
  return [...r.byUnderlying.values()][0] ?? null;
}

/** A proposed order leg. */
export interface ProposedLeg {
  symbol: string;
  side: Side;
  quantity: number;
}

/** What-if: the portfolio's Greeks after the proposed legs are filled (buys add, sells subtract). */
export function greeksAfter(
  positions: Iterable<SignedQuantity>,
  legs: readonly ProposedLeg[],
  context: { market: MarketData; nowMs: number },
): PortfolioGreeks {
  const net = new Map<string, number>();
  for (const p of positions) net.set(p.symbol, (net.get(p.symbol) ?? 0) + p.quantity);
  for (const leg of legs)
    net.set(leg.symbol, (net.get(leg.symbol) ?? 0) + (leg.side === 'buy' ? leg.quantity : -leg.quantity));
  const after = [...net].map(([symbol, quantity]) => ({ symbol, quantity }));
  return portfolioGreeks(after, context.market, context.nowMs);
}
