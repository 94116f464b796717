// Types only, no runtime: the engine's pure core builds a ReserveRequest from them.

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

/** What check-and-reserve sends to the store. */
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

/** A reservation-dependent check the Redis script re-evaluates. */
export type ReservedCheck =
  'max_position_size' | 'single_position_share' | 'gross_leverage' | 'position_ratio';

/** Outcome of {@link ReservationStore.tryReserve}. */
export type ReserveResult =
  | { ok: true }
  | {
      ok: false;
      /** The checks that failed on the live reservations */
      failed: ReservedCheck[];
      /** The live reservations the store checked against (the intent's own excluded) */
      reservations: StoredReservation[];
    };

/** A fill as the reservations see it. */
export interface ReservationFill {
  /** Applied once per key: the fill's client order id (the same in every engine process) */
  fillKey: string;
  intentId: string;
  symbol: string;
  quantity: number;
}

/** What a fill did: shrank a reservation, was seen before, or matched none. */
export type FillResult = 'APPLIED' | 'REPEATED' | 'NO_MATCH';

/**
 * Reservations of approved-but-unfilled intents (SPEC §5.3 item 9). `tryReserve` is the atomic step:
 * it reserves only if the limits still hold on the live reservations, else it returns them so the
 * engine can evaluate again on what is really reserved.
 */
export interface ReservationStore {
  /** Live reservations (expired ones dropped) */
  list(nowMs: number): Promise<StoredReservation[]>;
  /** Reserves atomically, or returns the live reservations it checked against. `seen` = the engine's snapshot. */
  tryReserve(
    request: ReserveRequest,
    seen: readonly StoredReservation[],
    nowMs: number,
  ): Promise<ReserveResult>;
  /** `execution_rejected`: the intent's reservation goes; true when there was one */
  release(intentId: string): Promise<boolean>;
  /**
   * A fill turns part of a reservation into a position, once per fill key: the matching leg (same symbol,
   * else for options the same option type) shrinks, and the rest stays reserved for another `ttlMs`.
   */
  fill(fill: ReservationFill, options: { nowMs: number; ttlMs: number }): Promise<FillResult>;
}
