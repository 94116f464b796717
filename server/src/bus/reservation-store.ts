import type { Redis } from 'ioredis';
import { z } from 'zod';
import { recordKey } from './keys.ts';
import {
  FILL_RESERVATION_SCRIPT,
  LIST_RESERVATIONS_SCRIPT,
  RELEASE_RESERVATION_SCRIPT,
  RESERVE_SCRIPT,
} from './scripts/reservation-scripts.ts';

/** One reserved instrument of an approved, not yet filled intent, with the figures it was valued at. */
export interface ReservedLeg {
  symbol: string;
  side: 'buy' | 'sell';
  /** Unfilled instrument units, > 0 */
  quantity: number;
  /** USD per unit when reserved */
  mark: number;
  /** Spot of the underlying when reserved (notional = quantity × spot) */
  spot: number;
  /** Option type of an option leg (fills of other strikes match it), else null */
  optionType: 'call' | 'put' | null;
}

/** Capacity held by an approved intent until its fills arrive (SPEC §5.3 item 9). */
export interface StoredReservation {
  intentId: string;
  legs: ReservedLeg[];
  /** Released at this instant without a fill, epoch ms */
  expiresAtMs: number;
}

/** The figures of one instrument the checks use, without reservations. */
export interface BookFigure {
  /** Signed account quantity */
  quantity: number;
  /** Mark, USD per unit (0 when unknown) */
  value: number;
  /** Spot of the underlying, else the mark, else 0: notional per unit */
  notional: number;
}

/** What check-and-reserve sends to Redis. */
export interface ReserveRequest {
  reservation: StoredReservation;
  /** Equity, USD */
  equity: number;
  limits: {
    maxSinglePositionPct: number;
    maxGrossLeverage: number;
    maxPositionRatio: number;
    minPositionRatio: number;
    /** Instrument of the order → its max |quantity|; absent = unbounded */
    maxQty: Readonly<Record<string, number>>;
  };
  /** Instrument → account figures without reservations (every held, reserved and ordered instrument) */
  book: Readonly<Record<string, BookFigure>>;
}

/** The reservation-dependent checks the script re-evaluates. */
export const RESERVED_CHECKS = [
  'max_position_size',
  'single_position_share',
  'gross_leverage',
  'position_ratio',
] as const;

/** Outcome of {@link ReservationStore.reserve}. */
export type ReserveResult =
  | { ok: true }
  | {
      ok: false;
      /** The checks that failed on the live reservations */
      failed: (typeof RESERVED_CHECKS)[number][];
      /** The live reservations the script checked against (the intent's own excluded) */
      reservations: StoredReservation[];
    };

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

const finite = (x: number, what: string): number => {
  if (!Number.isFinite(x)) throw new Error(`reservation: ${what} is not a finite number (${x})`);
  return x;
};

const toWire = (r: StoredReservation) => ({
  intent_id: r.intentId,
  expires_at_ms: finite(r.expiresAtMs, 'expires_at_ms'),
  legs: r.legs.map((l) => {
    if (!(l.quantity > 0)) throw new Error(`reservation ${r.intentId}: leg ${l.symbol} quantity must be > 0`);
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

const fromWire = (json: string): StoredReservation => {
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

const isReservedCheck = (x: string): x is (typeof RESERVED_CHECKS)[number] =>
  (RESERVED_CHECKS as readonly string[]).includes(x);

/** The hash tag of every key the scripts touch, so they share one slot on a Redis cluster. */
const TAG = '{reservations}';

/**
 * Reservations of approved-but-unfilled intents in Redis, shared by every engine process of a prefix:
 * a hash `<prefix>:engine:{reservations}` (intent id → JSON), a sorted set
 * `<prefix>:engine:{reservations}:expiry` (intent id → expiry ms) and one marker per applied fill
 * `<prefix>:engine:{reservations}:fill:<fill key>`. Check-and-reserve, release and fills are Lua scripts
 * (see `scripts/reservation-scripts.ts`).
 */
export class ReservationStore {
  private readonly hashKey: string;
  private readonly expiryKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.hashKey = recordKey(prefix, 'engine', TAG);
    this.expiryKey = recordKey(prefix, 'engine', TAG, 'expiry');
  }

  /** Live reservations; expired ones are dropped. */
  async list(nowMs: number): Promise<StoredReservation[]> {
    const reply = await this.redis.eval(LIST_RESERVATIONS_SCRIPT, 2, this.hashKey, this.expiryKey, nowMs);
    if (!Array.isArray(reply)) throw new Error(`reservation list: unexpected reply ${String(reply)}`);
    return (reply as string[]).map(fromWire);
  }

  /**
   * Atomic: re-evaluates the reservation-dependent limits on the account figures, every live reservation
   * and this one, and reserves only if they all pass (an earlier reservation of the same intent is
   * replaced). Throws on non-finite figures before touching Redis.
   */
  async reserve(request: ReserveRequest, nowMs: number): Promise<ReserveResult> {
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
    const payload = {
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
    };
    // An empty object must reach Lua as an object: cjson decodes `{}` to an empty table either way.
    const reply = await this.redis.eval(
      RESERVE_SCRIPT,
      2,
      this.hashKey,
      this.expiryKey,
      nowMs,
      JSON.stringify(payload),
    );
    if (!Array.isArray(reply)) throw new Error(`reservation reserve: unexpected reply ${String(reply)}`);
    const [code, failed, ...live] = reply as string[];
    if (code === 'OK') return { ok: true };
    if (code !== 'FAILED' || failed === undefined)
      throw new Error(`reservation reserve: unexpected reply ${String(code)}`);
    return {
      ok: false,
      failed: failed.split(',').filter(isReservedCheck),
      reservations: live.map(fromWire),
    };
  }

  /** Drops an intent's reservation (`execution_rejected`); true when there was one. */
  async release(intentId: string): Promise<boolean> {
    return (
      (await this.redis.eval(RELEASE_RESERVATION_SCRIPT, 2, this.hashKey, this.expiryKey, intentId)) === 1
    );
  }

  /**
   * Applies a fill to its intent's reservation once per `fillKey` (e.g. the fill's stream entry id, the
   * same for every engine process); the rest stays reserved for another `ttlMs`.
   */
  async fill(
    fill: {
      fillKey: string;
      intentId: string;
      symbol: string;
      optionType: 'call' | 'put' | null;
      quantity: number;
    },
    options: { nowMs: number; ttlMs: number; markerTtlS: number },
  ): Promise<'APPLIED' | 'REPEATED' | 'NO_MATCH'> {
    const reply = await this.redis.eval(
      FILL_RESERVATION_SCRIPT,
      3,
      this.hashKey,
      this.expiryKey,
      recordKey(this.prefix, 'engine', TAG, 'fill', fill.fillKey),
      options.nowMs,
      fill.intentId,
      fill.symbol,
      fill.optionType ?? '',
      Math.abs(finite(fill.quantity, 'fill quantity')),
      Math.max(1, Math.round(options.markerTtlS)),
      options.ttlMs,
    );
    if (reply === 'APPLIED' || reply === 'REPEATED' || reply === 'NO_MATCH') return reply;
    throw new Error(`reservation fill: unexpected reply ${String(reply)}`);
  }
}
