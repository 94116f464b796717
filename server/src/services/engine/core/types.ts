import type { Side, TradingState } from '@gamma/shared';
import type { ReserveCapacity, ReserveLimits } from '../../../stores/reservations/reservation-store.ts';
import type { CheckVerdict } from './verdict.ts';

/**
 * The limits of SPEC §6.1 and issue 9 (from `RISK_*`): those the atomic reserve step checks (the store's
 * {@link ReserveLimits}, documented there), plus the minimum position ratio, which only raises an alert.
 */
export interface RiskLimits extends ReserveLimits {
  /** `RISK_MIN_POSITION_RATIO` */
  minPositionRatio: number;
}

/** Per-unit Greeks of an instrument, in the units of `portfolio.risk`. */
export interface UnitGreeks {
  /** Coins */
  delta: number;
  /** Delta per 1 USD */
  gamma: number;
  /** USD per vol point */
  vega: number;
  /** USD a day */
  theta: number;
}

/** One instrument of the order and its size, before pricing. */
export interface SizedLeg {
  /** Instrument (spot, perpetual or option symbol) */
  symbol: string;
  side: Side;
  /** Instrument units, > 0 */
  quantity: number;
}

/** What the vol band of `price_band` needs of an option leg (its row of the surface). */
export interface OptionQuote {
  optionType: 'call' | 'put';
  /** USD */
  strike: number;
  /** Forward of the expiry, USD */
  forward: number;
  /** Years to expiry at the evaluation */
  yearsToExpiry: number;
  /** The surface's mid implied vol of the row, decimal (0.6 = 60 %) */
  iv: number;
}

/** One instrument of the order being checked, priced. */
export interface OrderLeg extends SizedLeg {
  /** USD per unit */
  mark: number;
  /** Spot of the underlying, USD: notional = quantity × spot */
  spot: number;
  /** The limit price the order will carry, USD per unit; absent or null for a market order */
  limitPrice?: number | null;
  /** Option legs priced off the surface: the row the vol band compares with */
  option?: OptionQuote;
  /** Per-unit Greeks (absent: none, as for an unpriced instrument) */
  greeks?: UnitGreeks;
}

/** An account position with the figures the checks need. */
export interface HeldPosition {
  /** Signed account quantity (+ long), reservations included */
  quantity: number;
  /** USD per unit; null when unknown */
  mark: number | null;
  /** Spot of the underlying, USD; null when unknown */
  spot: number | null;
  /** Per-unit Greeks (absent: none) */
  greeks?: UnitGreeks;
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

/** The limits of the rest of the catalogue (issue 9), from `RISK_*`. */
export interface CatalogueLimits {
  /** `RISK_MAX_ORDER_NOTIONAL_USD`: Σ |quantity| × spot of one order, USD */
  maxOrderNotionalUsd: number;
  /** `RISK_PRICE_BAND_PCT`: |limit − mark| / mark, decimal */
  priceBandPct: number;
  /** `RISK_PRICE_BAND_VOL_PTS`: |IV of the limit − the surface's IV| of an option leg, vol points */
  priceBandVolPts: number;
  /** `RISK_MAX_TICK_AGE_S` */
  maxTickAgeS: number;
  /** `RISK_MAX_SURFACE_AGE_S` */
  maxSurfaceAgeS: number;
  /** `RISK_DAILY_LOSS_PCT`: loss from the start-of-UTC-day equity, decimal */
  dailyLossPct: number;
  /** `RISK_LOSS_STREAK`: losing closed trades in a row of a strategy that start its cooldown */
  lossStreak: number;
  /** `RISK_LOSS_STREAK_COOLDOWN_S`: the cooldown a loss streak starts (the loss-streak store applies it) */
  lossStreakCooldownS: number;
}

/** Ages of the market data an order is valued on, seconds; null when none was seen. */
export interface DataAges {
  /** The instrument's own tick (options: the underlying's) */
  tickS: number | null;
  /** The underlying's surface: null when the order needs none */
  surfaceS: number | null;
  /** Whether the order is valued off a surface (option actions and option symbols) */
  needsSurface: boolean;
}

/** A strategy's run of losing closed trades (the loss-streak store's record). */
export interface LossStreak {
  /** Losing closed trades in a row since the last win or the last cooldown */
  losses: number;
  /** Until when the strategy cools down, epoch ms; null when it never did */
  cooldownUntilMs: number | null;
}

/** What the catalogue checks read besides the book and the order. */
export interface OrderContext {
  dataAges: DataAges;
  /** Equity at the start of the UTC day, USD; null when not known yet */
  dayStartEquity: number | null;
  /** The intent's strategy */
  lossStreak: LossStreak;
  nowMs: number;
}

/** The trading state in force for an order and whether it is protective (the hedge lane). */
export interface BookContext {
  /** Strictest of the global, strategy and underlying states */
  tradingState: TradingState;
  /** A protective order skips the trading-state, drawdown and position-ratio checks */
  protective: boolean;
  /** The request's shared capacities and per-unit figures (absent: none, they pass with value null) */
  capacity?: {
    request: ReserveCapacity;
    figures: Readonly<Record<string, { mark: number; notional: number }>>;
  };
}

/** What the checks of the shared book (the reserve script's twins) receive. */
export interface BookCheckInput {
  book: RiskBook;
  order: ValuedOrder;
  limits: RiskLimits;
  /** Absent: ACTIVE, not protective */
  context?: BookContext;
}

/** What every check receives. */
export interface CheckInput extends BookCheckInput {
  /** The limits and the context of the rest of the catalogue */
  catalogue: { limits: CatalogueLimits; context: OrderContext };
}

/** A pre-order check (SPEC §6.1). */
export type RiskCheck = (input: CheckInput) => CheckVerdict;

/** A check of the shared book: it has a twin in the reserve script (`stores/scripts/risk-check-*.lua`). */
export type BookCheck = (input: BookCheckInput) => CheckVerdict;
