import { z } from 'zod';
import type { BookFigure, ReserveRequest, StoredReservation } from './reservation-store.ts';
import { InvalidInputError } from '../../errors/index.ts';

/**
 * A reservation as the Lua scripts store it (`scripts/reservation-common.lua`): snake_case JSON, an
 * option type of `""` for spot and perpetual legs.
 */
const StoredSchema = z.object({
  intent_id: z.string(),
  expires_at_ms: z.number(),
  legs: z.array(
    z.object({
      symbol: z.string(),
      side: z.enum(['buy', 'sell']),
      quantity: z.number(),
      mark: z.number(),
      spot: z.number(),
      option_type: z.enum(['call', 'put', '']),
    }),
  ),
});

/** `x`, or a throw naming `what` when it is not finite (the scripts must never see NaN or ±Infinity). */
export const finite = (x: number, what: string): number => {
  if (!Number.isFinite(x)) throw new InvalidInputError(`reservation: ${what} is not a finite number (${x})`);
  return x;
};

const toWire = (r: StoredReservation) => ({
  intent_id: r.intentId,
  expires_at_ms: finite(r.expiresAtMs, 'expires_at_ms'),
  legs: r.legs.map((l) => {
    if (!(l.quantity > 0))
      throw new InvalidInputError(`reservation ${r.intentId}: leg ${l.symbol} quantity must be > 0`);
    return {
      symbol: l.symbol,
      side: l.side,
      quantity: finite(l.quantity, `${l.symbol} quantity`),
      mark: finite(l.mark, `${l.symbol} mark`),
      spot: finite(l.spot, `${l.symbol} spot`),
      option_type: l.optionType ?? '',
    };
  }),
});

/** A stored reservation JSON back as a {@link StoredReservation}. */
export const fromWire = (json: string): StoredReservation => {
  const r = StoredSchema.parse(JSON.parse(json));
  return {
    intentId: r.intent_id,
    expiresAtMs: r.expires_at_ms,
    legs: r.legs.map((l) => ({
      symbol: l.symbol,
      side: l.side,
      quantity: l.quantity,
      mark: l.mark,
      spot: l.spot,
      optionType: l.option_type === '' ? null : l.option_type,
    })),
  };
};

/** The JSON argument of `reservation-reserve.lua`; throws on non-finite figures. */
export function reservePayload(request: ReserveRequest): string {
  const { limits } = request;
  const maxQty: Record<string, number> = {};
  for (const [symbol, limit] of Object.entries(limits.maxQty)) maxQty[symbol] = finite(limit, 'max qty');
  const book: Record<string, BookFigure> = {};
  for (const [symbol, f] of Object.entries(request.book)) {
    book[symbol] = {
      quantity: finite(f.quantity, `${symbol} quantity`),
      value: finite(f.value, `${symbol} value`),
      notional: finite(f.notional, `${symbol} notional`),
    };
  }
  // An empty object must reach Lua as an object: cjson decodes `{}` to an empty table either way.
  return JSON.stringify({
    reservation: toWire(request.reservation),
    equity: finite(request.equity, 'equity'),
    limits: {
      max_single_position_pct: finite(limits.maxSinglePositionPct, 'max single position pct'),
      max_gross_leverage: finite(limits.maxGrossLeverage, 'max gross leverage'),
      max_position_ratio: finite(limits.maxPositionRatio, 'max position ratio'),
      min_position_ratio: finite(limits.minPositionRatio, 'min position ratio'),
      max_qty: maxQty,
    },
    book,
  });
}
