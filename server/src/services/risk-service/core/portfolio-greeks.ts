import type { Side } from '@gamma/shared';
import { parseOptionSymbol, underlyingOf, yearsToExpiry } from '@gamma/shared';
import { netDelta, venueGreeks } from '@gamma/shared/quant';
import { forwardOf, impliedVolOf, type MarketData } from './market-data.ts';

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

/** Portfolio Greeks per underlying, and the option positions that could not be priced. */
export interface PortfolioGreeks {
  byUnderlying: Map<string, UnderlyingGreeks>;
  /** Option symbols without surface or forward: their delta, gamma… are left out */
  unpriced: string[];
}

/** A position (or a proposed leg, signed) in one symbol. */
export interface SignedQuantity {
  symbol: string;
  quantity: number;
}

const ZERO: UnderlyingGreeks = { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, netDelta: 0 };

/**
 * Per-unit display Greeks and net delta of one instrument: spot and perpetual have delta 1; an option
 * uses venueGreeks at the surface IV for its strike and expiry, F from `forwards`, T to 08:00 UTC of
 * the expiry (expired → zeros). Null when an option cannot be priced.
 */
export function unitGreeks(symbol: string, market: MarketData, nowMs: number): UnderlyingGreeks | null {
  const option = parseOptionSymbol(symbol);
  if (!option) return { ...ZERO, delta: 1, netDelta: 1 };
  const T = yearsToExpiry(option.expiry, nowMs);
  if (T <= 0) return { ...ZERO };
  const F = forwardOf(market, underlyingOf(symbol), option.expiry);
  const sigma = impliedVolOf(market, option);
  if (F === null || sigma === null) return null;
  const input = { F, K: option.strike, T, sigma, type: option.optionType };
  return { ...venueGreeks(input), netDelta: netDelta(input) };
}

/** Sums per-unit Greeks × quantity per underlying (SPEC §6.2). */
export function portfolioGreeks(
  positions: Iterable<SignedQuantity>,
  market: MarketData,
  nowMs: number,
): PortfolioGreeks {
  const byUnderlying = new Map<string, UnderlyingGreeks>();
  const unpriced: string[] = [];
  for (const p of positions) {
    if (p.quantity === 0) continue;
    const underlying = underlyingOf(p.symbol);
    const acc = byUnderlying.get(underlying) ?? { ...ZERO };
    byUnderlying.set(underlying, acc);
    const unit = unitGreeks(p.symbol, market, nowMs);
    if (unit === null) {
      unpriced.push(p.symbol);
      continue;
    }
    acc.delta += unit.delta * p.quantity;
    acc.gamma += unit.gamma * p.quantity;
    acc.vega += unit.vega * p.quantity;
    acc.theta += unit.theta * p.quantity;
    acc.rho += unit.rho * p.quantity;
    acc.netDelta += unit.netDelta * p.quantity;
  }
  return { byUnderlying, unpriced };
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
