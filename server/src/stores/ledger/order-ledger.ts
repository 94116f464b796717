import type { ReasonCode } from '@gamma/shared';

/** What happened to one client order id, stored beside its claim. */
export interface OrderOutcome {
  status: 'filled' | 'rejected';
  /** Fill price (filled) */
  price?: number;
  /** Filled quantity (filled) */
  quantity?: number;
  /** Fee, USDT (filled) */
  fee?: number;
  /** Reason code (rejected) */
  reasonCode?: ReasonCode;
  /** Why (rejected) */
  reason?: string;
  /** Epoch ms of the outcome */
  at: number;
  /** The position the fill left (filled) */
  position?: { quantity: number; avgPrice: number; realizedPnl: number };
}

/** A paper position of one strategy in one symbol, as the exchange keeps it. */
export interface StoredPosition {
  strategyId: string;
  symbol: string;
  quantity: number;
  avgPrice: number;
  realizedPnl: number;
}

/** The paper exchange's open positions, surviving restarts. */
export interface PaperPositions {
  /** Saves one position (quantity 0 removes it). */
  save(position: StoredPosition): Promise<void>;
  /** Every open position saved. */
  load(): Promise<StoredPosition[]>;
}

/** A saved position and its version: the text stored, '' when there is none (what `bookFrom` compares). */
export interface VersionedPosition {
  position: StoredPosition | null;
  version: string;
}

/** What {@link OrderLedger.book} found: whether this call booked, and the outcome booked. */
export interface Booked {
  first: boolean;
  outcome: OrderOutcome;
}

/**
 * The paper exchange's durable state (SPEC §8.1): one outcome per `client_order_id`, booked in the same
 * atomic step as the position it leaves, so a client order id never fills twice, even when the process
 * dies anywhere in between, and the saved positions always contain exactly the booked fills.
 */
export interface OrderLedger {
  /**
   * Books an order's outcome and (for a fill) the position it leaves, atomically, unless the id has an
   * outcome already: then nothing changes and the earlier outcome is returned.
   */
  book(clientOrderId: string, outcome: OrderOutcome, position: StoredPosition | null): Promise<Booked>;
  /**
   * Like {@link book}, for processes sharing the ledger: books only while the position is still at
   * `move.version` (the position was computed from it); null when another process moved it since (read it
   * again and retry). An id with an outcome already returns that outcome whatever the version.
   */
  bookFrom(
    clientOrderId: string,
    outcome: OrderOutcome,
    move: { position: StoredPosition; version: string },
  ): Promise<Booked | null>;
  /** One saved position (null when flat) and its version. */
  positionOf(strategyId: string, symbol: string): Promise<VersionedPosition>;
  /** The booked outcome of an id, null if none. */
  outcome(clientOrderId: string): Promise<OrderOutcome | null>;
  /** Saves one position (quantity 0 removes it). */
  savePosition(position: StoredPosition): Promise<void>;
  /** Every open position saved. */
  loadPositions(): Promise<StoredPosition[]>;
}

/** Outcomes are kept 30 days: far longer than any redelivery. */
export const OUTCOME_TTL_S = 30 * 86_400;

/** An outcome as the ledger stores it. */
export const parseOutcome = (raw: string): OrderOutcome => JSON.parse(raw) as OrderOutcome;

/** The hash field of a position: `<strategy>|<symbol>`. */
export const positionField = (p: { strategyId: string; symbol: string }): string =>
  `${p.strategyId}|${p.symbol}`;
