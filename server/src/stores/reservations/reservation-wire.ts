import { RiskCheckVerdictSchema, TRADING_STATES, type TradingState } from '@gamma/shared';
import { z } from 'zod';
import type {
  ReserveCapacity,
  BookEntry,
  CoinLimits,
  ReserveRequest,
  ReserveResult,
  StoredReservation,
  UnitFigures,
} from './reservation-store.ts';
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
      coin: z.string(),
      side: z.enum(['buy', 'sell']),
      quantity: z.number(),
      mark: z.number(),
      spot: z.number(),
      option_type: z.enum(['call', 'put', '']),
    }),
  ),
});

/** A book entry as the scripts store it. */
const EntrySchema = z.object({
  u: z.string(),
  held: z.number(),
  reserved: z.number(),
  mark: z.number(),
  notional: z.number(),
  delta: z.number(),
  gamma: z.number(),
  vega: z.number(),
  theta: z.number(),
});

const ReserveReplySchema = z.object({ reserved: z.boolean(), checks: z.array(RiskCheckVerdictSchema) });

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
      coin: l.coin,
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
      coin: l.coin,
      side: l.side,
      quantity: l.quantity,
      mark: l.mark,
      spot: l.spot,
      optionType: l.option_type === '' ? null : l.option_type,
    })),
  };
};

/** A stored book entry JSON back as a {@link BookEntry}. */
export const entryFromWire = (json: string): BookEntry => {
  const { u, ...rest } = EntrySchema.parse(JSON.parse(json));
  return { coin: u, ...rest };
};

/** A trading-state field's JSON → its state; an unreadable one counts as HALTED (as in the script). */
export function stateFromWire(json: string): TradingState {
  try {
    const state = (JSON.parse(json) as { state?: unknown } | null)?.state;
    return (TRADING_STATES as readonly unknown[]).includes(state) ? (state as TradingState) : 'HALTED';
  } catch {
    return 'HALTED';
  }
}

/** The reserve script's reply. */
export const reserveReplyFromWire = (json: string): ReserveResult =>
  ReserveReplySchema.parse(JSON.parse(json));

const coinLimits = (limits: CoinLimits, what: string): Record<string, number> =>
  Object.fromEntries(Object.entries(limits).map(([coin, v]) => [coin, finite(v, `${what} ${coin}`)]));

const figuresWire = (symbol: string, f: UnitFigures) => ({
  u: f.coin,
  mark: finite(f.mark, `${symbol} mark`),
  notional: finite(f.notional, `${symbol} notional`),
  delta: finite(f.delta, `${symbol} delta`),
  gamma: finite(f.gamma, `${symbol} gamma`),
  vega: finite(f.vega, `${symbol} vega`),
  theta: finite(f.theta, `${symbol} theta`),
});

/** The JSON argument of `reservation-reserve.lua`; throws on non-finite figures. */
export function reservePayload(request: ReserveRequest): string {
  const { limits } = request;
  const figures: Record<string, ReturnType<typeof figuresWire>> = {};
  for (const [symbol, f] of Object.entries(request.figures)) figures[symbol] = figuresWire(symbol, f);
  // An empty object must reach Lua as an object: cjson decodes `{}` to an empty table either way.
  return JSON.stringify({
    reservation: toWire(request.reservation),
    strategy_id: request.strategyId,
    protective: request.protective,
    equity: finite(request.equity, 'equity'),
    peak: finite(request.peak, 'peak'),
    limits: {
      max_drawdown_pct: finite(limits.maxDrawdownPct, 'max drawdown pct'),
      max_position_ratio: finite(limits.maxPositionRatio, 'max position ratio'),
      max_single_position_pct: finite(limits.maxSinglePositionPct, 'max single position pct'),
      max_gross_leverage: finite(limits.maxGrossLeverage, 'max gross leverage'),
      max_qty: coinLimits(limits.maxPositionQty, 'max qty'),
      max_abs_delta: coinLimits(limits.maxAbsDelta, 'max abs delta'),
      max_abs_gamma: coinLimits(limits.maxAbsGamma, 'max abs gamma'),
      max_abs_vega: coinLimits(limits.maxAbsVegaUsd, 'max abs vega'),
      max_short_theta: coinLimits(limits.maxShortThetaUsd, 'max short theta'),
    },
    figures,
    capacity: request.capacity === undefined ? null : capacityWire(request.capacity),
  });
}

/** The capacity part of the reserve request as the script reads it. */
function capacityWire(c: ReserveCapacity) {
  const held: Record<string, number> = {};
  for (const [symbol, q] of Object.entries(c.held)) held[symbol] = finite(q, `${symbol} held`);
  const budget: Record<string, number> = {};
  if (c.budget.maxNotionalUsd !== undefined)
    budget.max_notional = finite(c.budget.maxNotionalUsd, 'max notional');
  if (c.budget.maxPremiumUsd !== undefined)
    budget.max_premium = finite(c.budget.maxPremiumUsd, 'max premium');
  return {
    symbol: c.symbol,
    action: c.action,
    max_orders_per_s: finite(c.maxOrdersPerS, 'max orders per s'),
    max_orders_per_s_per_strategy: finite(c.maxOrdersPerSPerStrategy, 'max orders per s per strategy'),
    duplicate_window_ms: finite(c.duplicateWindowMs, 'duplicate window'),
    budget,
    held,
  };
}
