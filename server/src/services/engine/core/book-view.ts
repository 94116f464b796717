import type { OrderFillEvent } from '@gamma/shared';
import type {
  BookFill,
  ReserveRequest,
  RiskBookView,
  StoredReservation,
  UnitFigures,
} from '../../../stores/reservations/reservation-store.ts';
import { signedQuantity } from './book-math.ts';
import { coinExposures } from './check-greek-limits.ts';
import { stateInForce } from './check-trading-state.ts';
import { PROTECTIVE_WAIVED_CHECKS } from './protective.ts';
import { runBookChecks, type CheckOutcome } from './run-checks.ts';
import { below } from './tolerance.ts';
import type { BookCheckInput, HeldPosition, OrderLeg, RiskBook, RiskLimits, UnitGreeks } from './types.ts';

const greeksOf = (f: UnitFigures): UnitGreeks => ({
  delta: f.delta,
  gamma: f.gamma,
  vega: f.vega,
  theta: f.theta,
});

/**
 * The book the pure checks run on, from the aggregate risk book: per instrument held + reserved (without
 * `own`, an earlier reservation of the same intent, which a reserve replaces), valued at `figures` where
 * given, else at the figures stored in the book: exactly what the reserve script projects.
 */
export function riskBookOf(
  view: RiskBookView,
  input: {
    equity: number;
    peak: number;
    figures: Readonly<Record<string, UnitFigures>>;
    own?: StoredReservation | null;
  },
): RiskBook {
  const quantities: Record<string, number> = {};
  for (const [symbol, e] of Object.entries(view.entries)) quantities[symbol] = e.held + e.reserved;
  for (const l of input.own?.legs ?? [])
    quantities[l.symbol] = (quantities[l.symbol] ?? 0) - signedQuantity(l);
  const positions: Record<string, HeldPosition> = {};
  for (const [symbol, quantity] of Object.entries(quantities)) {
    const f = input.figures[symbol] ?? view.entries[symbol];
    positions[symbol] = f
      ? { quantity, mark: f.mark, spot: f.notional, greeks: greeksOf(f) }
      : { quantity, mark: 0, spot: 0 };
  }
  return { equity: input.equity, peak: input.peak, positions };
}

/** The order of a request as the checks see it: its legs priced, with the request's per-unit Greeks. */
export function orderLegsOf(request: ReserveRequest): OrderLeg[] {
  return request.reservation.legs.map((l) => {
    const f = request.figures[l.symbol];
    return {
      symbol: l.symbol,
      side: l.side,
      quantity: l.quantity,
      mark: l.mark,
      spot: l.spot,
      ...(f ? { greeks: greeksOf(f) } : {}),
    };
  });
}

/** The input of the shared book's checks for a request on the book as read (`own`: left out, it is replaced). */
export function bookInput(
  view: RiskBookView,
  request: ReserveRequest,
  own: StoredReservation | null = null,
): BookCheckInput {
  const coins = [...new Set(request.reservation.legs.map((l) => l.coin))];
  const limits: RiskLimits = { ...request.limits, minPositionRatio: 0 };
  const book = riskBookOf(view, { ...request, own });
  const order = { ok: true as const, legs: orderLegsOf(request) };
  return {
    book,
    order,
    limits,
    context: {
      tradingState: stateInForce(view.tradingStates, { strategyId: request.strategyId, coins }),
      protective: request.protective && stillProtective({ book, order }),
      ...(request.capacity ? { capacity: { request: request.capacity, figures: request.figures } } : {}),
    },
  };
}

/**
 * Whether a request flagged protective still brings |delta| of every coin it trades down on the book as
 * read at the atomic step (the engine classified it on its own earlier read), as the script re-checks.
 */
function stillProtective(input: Pick<BookCheckInput, 'book' | 'order'>): boolean {
  return coinExposures(input).every(({ before, after }) => below(after.delta, before.delta));
}

/**
 * The pure twin of `reservation-reserve.lua`: every check of the shared book on the request (the
 * in-memory store reserves with it; the agreement test holds the script to it). A protective request's
 * drawdown, position-ratio and trading-state verdicts are recorded as passed, as the script does.
 */
export function checkOnBook(
  view: RiskBookView,
  request: ReserveRequest,
  own: StoredReservation | null,
): CheckOutcome {
  const input = bookInput(view, request, own);
  return runBookChecks(input, input.context?.protective ? PROTECTIVE_WAIVED_CHECKS : undefined);
}

/** An `order.fill` as the risk book applies it: keyed by its order id, signed (buy > 0). */
export const bookFillOf = (fill: OrderFillEvent, entryId: string | null): BookFill => ({
  fillKey: fill.order_id,
  intentId: fill.intent_id,
  strategyId: fill.strategy_id,
  symbol: fill.symbol,
  quantity: fill.side === 'buy' ? fill.quantity : -fill.quantity,
  price: fill.price,
  entryId,
});
