import { baseCoinOf, parseOptionSymbol } from '@gamma/shared';
import type { BookFigure, ReserveRequest } from '../../../stores/reservations/reservation-store.ts';
import { marketMark, spotOf, type MarketView } from './market-view.ts';
import { accountQuantities, type PortfolioState } from './portfolio-state.ts';
import type { Reservation } from './reservations.ts';
import type { OrderLeg, RiskLimits } from './types.ts';

/** What the check-and-reserve script needs, from the engine's state at the moment of the evaluation. */
export interface ReserveRequestInput {
  intentId: string;
  /** The approved order's priced legs */
  legs: readonly OrderLeg[];
  portfolio: PortfolioState;
  market: MarketView;
  /** The reservations the evaluation saw (their instruments get current figures too) */
  reservations: readonly Reservation[];
  limits: RiskLimits;
  expiresAtMs: number;
  /** A protective hedge (issue 9 item 4): the position-ratio bounds do not apply to it */
  protective?: boolean;
}

/**
 * The request of the atomic check-and-reserve (SPEC §5.3 item 9): the order's legs with their marks and
 * spots, the account figures of every held, reserved or ordered instrument valued as `buildBook` values
 * them (mark = market mark, else the average price; notional per unit = spot, else mark), and the limits,
 * with `RISK_MAX_POSITION_QTY` resolved per ordered instrument.
 */
export function reserveRequest(input: ReserveRequestInput): ReserveRequest {
  const { portfolio, market, limits } = input;
  const quantities = accountQuantities(portfolio);
  const symbols = new Set<string>([
    ...Object.keys(quantities),
    ...input.reservations.flatMap((r) => r.legs.map((l) => l.symbol)),
    ...input.legs.map((l) => l.symbol),
  ]);
  const book: Record<string, BookFigure> = {};
  for (const symbol of symbols) {
    const mark = marketMark(symbol, market) ?? portfolio.avgPrices[symbol] ?? null;
    const spot = spotOf(symbol, market);
    book[symbol] = { quantity: quantities[symbol] ?? 0, value: mark ?? 0, notional: spot ?? mark ?? 0 };
  }
  const maxQty: Record<string, number> = {};
  for (const leg of input.legs) {
    const limit = limits.maxPositionQty[baseCoinOf(leg.symbol).toUpperCase()];
    if (limit !== undefined) maxQty[leg.symbol] = limit;
  }
  return {
    reservation: {
      intentId: input.intentId,
      expiresAtMs: input.expiresAtMs,
      legs: input.legs.map((l) => ({
        symbol: l.symbol,
        side: l.side,
        quantity: l.quantity,
        mark: l.mark,
        spot: l.spot,
        optionType: parseOptionSymbol(l.symbol)?.optionType ?? null,
      })),
    },
    equity: portfolio.equity,
    limits: {
      maxSinglePositionPct: limits.maxSinglePositionPct,
      maxGrossLeverage: limits.maxGrossLeverage,
      // A protective hedge is never refused by the ratio: the script checks no bound it cannot breach
      maxPositionRatio: input.protective === true ? Number.MAX_VALUE : limits.maxPositionRatio,
      minPositionRatio: input.protective === true ? 0 : limits.minPositionRatio,
      maxQty,
    },
    book,
  };
}
