import { portfolioGreeks } from '@gamma/shared/quant';
import { parseOptionSymbol, underlyingOf } from '@gamma/shared';
import type {
  ReserveCapacity,
  ReserveLimits,
  ReserveRequest,
  RiskBookView,
  UnitFigures,
} from '../../../stores/reservations/reservation-store.ts';
import { coinOf } from './book-math.ts';
import { marketMark, spotOf, type MarketView } from './market-view.ts';
import type { PortfolioState } from './portfolio-state.ts';
import type { OrderLeg, RiskLimits } from './types.ts';
import { portfolioMarketOf } from './what-if.ts';

/** What the check-and-reserve script needs, from the engine's state at the moment of the evaluation. */
export interface ReserveRequestInput {
  intentId: string;
  strategyId: string;
  /** The hedge lane (set by the protective rule); false otherwise */
  protective: boolean;
  /** The order's priced legs */
  legs: readonly OrderLeg[];
  portfolio: PortfolioState;
  market: MarketView;
  /** The aggregate book as read before the evaluation: its instruments get current figures too */
  book: RiskBookView;
  limits: RiskLimits;
  expiresAtMs: number;
  nowMs: number;
  /** The shared capacities to check and take (order rate, duplicates, the strategy's budget) */
  capacity?: ReserveCapacity;
}

/**
 * Per-unit figures of an instrument from the engine's view: mark = market mark, else the last average
 * price, else the stored one; notional = spot of the underlying, else the mark; Greeks from the quant core
 * (`portfolioGreeks` of one unit: the units of `portfolio.risk`), else the stored ones (an option without a
 * surface keeps what it was last valued at).
 */
export function unitFigures(
  symbol: string,
  view: { market: MarketView; portfolio: PortfolioState; stored?: UnitFigures; nowMs: number },
): UnitFigures {
  const { market, portfolio, stored } = view;
  const mark = marketMark(symbol, market) ?? portfolio.avgPrices[symbol] ?? stored?.mark ?? 0;
  const notional = spotOf(symbol, market) ?? (mark > 0 ? mark : (stored?.notional ?? 0));
  const coin = coinOf(symbol);
  const g = portfolioGreeks([{ symbol, quantity: 1 }], portfolioMarketOf(market, view.nowMs));
  const unit = g.unpriced.length === 0 ? g.byUnderlying[underlyingOf(symbol)] : undefined;
  if (unit)
    return { coin, mark, notional, delta: unit.delta, gamma: unit.gamma, vega: unit.vega, theta: unit.theta };
  const keep = stored ?? { delta: 0, gamma: 0, vega: 0, theta: 0 };
  return { coin, mark, notional, delta: keep.delta, gamma: keep.gamma, vega: keep.vega, theta: keep.theta };
}

/** The limits the reserve step checks. */
export const reserveLimitsOf = (limits: RiskLimits): ReserveLimits => ({
  maxDrawdownPct: limits.maxDrawdownPct,
  maxPositionRatio: limits.maxPositionRatio,
  maxSinglePositionPct: limits.maxSinglePositionPct,
  maxGrossLeverage: limits.maxGrossLeverage,
  maxPositionQty: limits.maxPositionQty,
  maxAbsDelta: limits.maxAbsDelta,
  maxAbsGamma: limits.maxAbsGamma,
  maxAbsVegaUsd: limits.maxAbsVegaUsd,
  maxShortThetaUsd: limits.maxShortThetaUsd,
});

/**
 * The request of the atomic check-and-reserve (SPEC §5.3 item 9, issue 9): the order's legs, the current
 * per-unit figures of every instrument of the book and of the order, equity and peak, the limits.
 */
export function reserveRequest(input: ReserveRequestInput): ReserveRequest {
  const { portfolio, market, nowMs } = input;
  const figures: Record<string, UnitFigures> = {};
  const symbols = new Set([...Object.keys(input.book.entries), ...input.legs.map((l) => l.symbol)]);
  for (const symbol of symbols) {
    const stored = input.book.entries[symbol];
    figures[symbol] = unitFigures(symbol, { market, portfolio, nowMs, ...(stored ? { stored } : {}) });
  }
  for (const leg of input.legs) {
    const f = figures[leg.symbol];
    // The ordered instruments are valued as the order was priced
    if (f) figures[leg.symbol] = { ...f, mark: leg.mark, notional: leg.spot };
  }
  return {
    reservation: {
      intentId: input.intentId,
      expiresAtMs: input.expiresAtMs,
      legs: input.legs.map((l) => ({
        symbol: l.symbol,
        coin: coinOf(l.symbol),
        side: l.side,
        quantity: l.quantity,
        mark: l.mark,
        spot: l.spot,
        optionType: parseOptionSymbol(l.symbol)?.optionType ?? null,
      })),
    },
    strategyId: input.strategyId,
    protective: input.protective,
    equity: portfolio.equity,
    peak: portfolio.peak,
    limits: reserveLimitsOf(input.limits),
    figures,
    ...(input.capacity ? { capacity: input.capacity } : {}),
  };
}
