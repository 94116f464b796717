// Types only, no runtime: the engine's pure core builds a ReserveRequest from them.
import type { RiskCheckVerdict, TradingState } from '@gamma/shared';

/** One reserved instrument of an approved, not yet filled intent, with the figures it was valued at. */
export interface ReservedLeg {
  symbol: string;
  /** Base coin of the instrument (`BTC`): its underlying in the book */
  coin: string;
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

/** Per-unit figures of one instrument, as the checks use them. */
export interface UnitFigures {
  /** Base coin of the underlying (`BTC`) */
  coin: string;
  /** Mark, USD per unit (0 when unknown) */
  mark: number;
  /** Spot of the underlying, else the mark, else 0: notional per unit, USD */
  notional: number;
  /** Per-unit Greeks in the units of `portfolio.risk`: coins, per 1 USD, USD per vol point, USD a day */
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
}

/** One instrument of the aggregate risk book. */
export interface BookEntry extends UnitFigures {
  /** Signed account quantity: every `order.fill` applied once */
  held: number;
  /** Signed sum of the live reservations' unfilled remainders */
  reserved: number;
}

/** The aggregate risk book as one read saw it. */
export interface RiskBookView {
  /** Symbol → entry (instruments with something held or reserved) */
  entries: Record<string, BookEntry>;
  /** `global`, `strategy:<id>`, `underlying:<coin>` → state (missing = ACTIVE) */
  tradingStates: Record<string, TradingState>;
  /** The newest `order.fill` entry applied to held (`0-0` before any), null before the book is seeded */
  fillsAfter: string | null;
}

/** Coin → limit; a coin without one is unbounded. */
export type CoinLimits = Readonly<Record<string, number>>;

/** The limits the reserve step checks (SPEC §6.1, issue 9). */
export interface ReserveLimits {
  /** `RISK_MAX_DRAWDOWN_PCT`, decimal */
  maxDrawdownPct: number;
  /** `RISK_MAX_POSITION_RATIO` */
  maxPositionRatio: number;
  /** `RISK_MAX_SINGLE_POSITION_PCT`, decimal */
  maxSinglePositionPct: number;
  /** `RISK_MAX_GROSS_LEVERAGE` */
  maxGrossLeverage: number;
  /** `RISK_MAX_POSITION_QTY`: max |quantity| per instrument, by base coin */
  maxPositionQty: CoinLimits;
  /** `RISK_MAX_ABS_DELTA`, coins */
  maxAbsDelta: CoinLimits;
  /** `RISK_MAX_ABS_GAMMA`, delta per 1 USD */
  maxAbsGamma: CoinLimits;
  /** `RISK_MAX_ABS_VEGA_USD`, USD per vol point */
  maxAbsVegaUsd: CoinLimits;
  /** `RISK_MAX_SHORT_THETA_USD`, USD a day */
  maxShortThetaUsd: CoinLimits;
}

/** The shared capacities of a request: order rate, duplicates, the strategy's budget (issue 9 item 2). */
export interface ReserveCapacity {
  /** The intent's symbol and action: a duplicate has the same strategy, symbol and action */
  symbol: string;
  action: string;
  /** `RISK_MAX_ORDERS_PER_S`, `RISK_MAX_ORDERS_PER_S_PER_STRATEGY` */
  maxOrdersPerS: number;
  maxOrdersPerSPerStrategy: number;
  /** `RISK_DUPLICATE_WINDOW_S` in ms; 0 = off */
  duplicateWindowMs: number;
  /** `STRATEGY_<ID>_MAX_NOTIONAL_USD`, `STRATEGY_<ID>_MAX_PREMIUM_USD` of the strategy (absent: none) */
  budget: { maxNotionalUsd?: number; maxPremiumUsd?: number };
  /**
   * The strategy's held signed quantities by symbol, as the engine sees them (`position.update`): the
   * pure pass's figure; the reserve script counts the risk book's own per-strategy held instead, which
   * the fill moves in the same step as it shrinks the reservation
   */
  held: Readonly<Record<string, number>>;
}

/** What check-and-reserve sends to the store. */
export interface ReserveRequest {
  reservation: StoredReservation;
  /** The intent's strategy: its trading state applies */
  strategyId: string;
  /** The hedge lane: skips the trading-state, drawdown and position-ratio checks */
  protective: boolean;
  /** Equity and peak equity, USD */
  equity: number;
  peak: number;
  limits: ReserveLimits;
  /** Symbol → current per-unit figures (the ordered instruments and every book instrument the engine values) */
  figures: Readonly<Record<string, UnitFigures>>;
  /** The shared capacities to check and take; absent: none (they pass with value null) */
  capacity?: ReserveCapacity;
}

/** Outcome of {@link ReservationStore.tryReserve}: every check as the atomic step checked it. */
export interface ReserveResult {
  /** Whether the legs are now reserved (every check passed and the call asked to reserve) */
  reserved: boolean;
  /** Every check's figures as checked, in the order of the script's CHECKS */
  checks: RiskCheckVerdict[];
}

/** A fill as the book sees it (`order.fill`). */
export interface BookFill {
  /** Applied once per key: the fill's order id (the same in every engine process) */
  fillKey: string;
  /** Intent the order belongs to, null for fills of no intent (settlements) */
  intentId: string | null;
  /** The strategy whose position the fill moves (its held quantity counts against its budget) */
  strategyId: string;
  symbol: string;
  /** Signed quantity: buy > 0 */
  quantity: number;
  price: number;
  /** The fill's `order.fill` entry id (the book remembers the newest applied) */
  entryId: string | null;
}

/** What a fill did: shrank a reservation (and moved held), moved held only, or was seen before. */
export type FillResult = 'APPLIED' | 'HELD' | 'REPEATED';

/** The held quantities a book starts from (`reservationSeed`). */
export interface BookSeed {
  /** The newest `order.fill` entry the quantities cover */
  fillsAfter: string;
  /** Symbol → account quantity (and its coin, a mark) */
  held: Record<string, { coin: string; quantity: number; mark: number }>;
  /** Strategy → symbol → its signed quantity (what the strategy budgets count as held) */
  byStrategy: Record<string, Record<string, number>>;
}

/**
 * The aggregate risk book and the reservations of approved-but-unfilled intents (SPEC §5.3 item 9, issue
 * 9): `tryReserve` checks every shared capacity and reserves in one atomic step; `fill` turns a fill into
 * held and takes it off its reservation in one step.
 */
export interface ReservationStore {
  /** The aggregate book (expired reservations dropped first) */
  book(nowMs: number): Promise<RiskBookView>;
  /** Live reservations (inspection and tests) */
  list(nowMs: number): Promise<StoredReservation[]>;
  /** Checks atomically and, with `reserve` and every check passing, reserves (replacing the intent's earlier one) */
  tryReserve(request: ReserveRequest, nowMs: number, options: { reserve: boolean }): Promise<ReserveResult>;
  /** `execution_rejected`: the intent's reservation goes; true when there was one */
  release(intentId: string): Promise<boolean>;
  /** Applies a fill once per fill key; the rest of a shrunk reservation stays reserved another `ttlMs` */
  fill(fill: BookFill, options: { nowMs: number; ttlMs: number }): Promise<FillResult>;
  /** Seeds held once per desk; false when the book was seeded before */
  seed(seed: BookSeed): Promise<boolean>;
}
