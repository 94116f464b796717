import type { Side } from '@gamma/shared';
import type { CheckVerdict } from './verdict.ts';

/** The limits of SPEC §6.1 (from `RISK_*`). */
export interface RiskLimits {
  /** `RISK_MAX_DRAWDOWN_PCT`, decimal */
  maxDrawdownPct: number;
  /** `RISK_MAX_POSITION_RATIO` */
  maxPositionRatio: number;
  /** `RISK_MIN_POSITION_RATIO` */
  minPositionRatio: number;
  /** `RISK_MAX_SINGLE_POSITION_PCT`, decimal */
  maxSinglePositionPct: number;
  /** `RISK_MAX_GROSS_LEVERAGE` */
  maxGrossLeverage: number;
  /** `RISK_MAX_POSITION_QTY`: base coin → max |quantity| per instrument */
  maxPositionQty: Readonly<Record<string, number>>;
}

/** One instrument of the order and its size, before pricing. */
export interface SizedLeg {
  /** Instrument (spot, perpetual or option symbol) */
  symbol: string;
  side: Side;
  /** Instrument units, > 0 */
  quantity: number;
}

/** One instrument of the order being checked, priced. */
export interface OrderLeg extends SizedLeg {
  /** USD per unit */
  mark: number;
  /** Spot of the underlying, USD: notional = quantity × spot */
  spot: number;
}

/** An account position with the figures the checks need. */
export interface HeldPosition {
  /** Signed account quantity (+ long), reservations included */
  quantity: number;
  /** USD per unit; null when unknown */
  mark: number | null;
  /** Spot of the underlying, USD; null when unknown */
  spot: number | null;
}

/** The book the checks run against (SPEC §5.3 item 1). */
export interface RiskBook {
  /** Equity (`total_value`), USD */
  equity: number;
  /** Highest equity seen, USD */
  peak: number;
  /** Symbol → position, reservations of approved-but-unfilled intents included */
  positions: Readonly<Record<string, HeldPosition>>;
}

/** The order as valued for the checks: its legs, or why it could not be valued. */
export type ValuedOrder =
  | { ok: true; legs: OrderLeg[] }
  | {
      ok: false;
      code: 'NO_REFERENCE_PRICE';
      reason: string;
      /** The instruments known without prices (empty when even the legs are unknown) */
      sizes: SizedLeg[];
    };

/** What every check receives. */
export interface CheckInput {
  book: RiskBook;
  order: ValuedOrder;
  limits: RiskLimits;
}

/** A pre-order check (SPEC §6.1). */
export type RiskCheck = (input: CheckInput) => CheckVerdict;
