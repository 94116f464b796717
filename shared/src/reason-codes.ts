/**
 * Every reason code of SPEC §5.4, in one table: the only values of `reason_code` / `reason_codes` on the
 * wire. A message with any other code fails its schema (and is dead-lettered); a code nobody raises
 * fails a test (reason-codes.test.ts).
 */
export const REASON_CODES = [
  'MAX_DRAWDOWN_EXCEEDED',
  'POSITION_RATIO_ABOVE_MAX',
  'POSITION_RATIO_BELOW_MIN',
  'SINGLE_POSITION_SHARE_EXCEEDED',
  'GROSS_LEVERAGE_EXCEEDED',
  'MAX_POSITION_SIZE_EXCEEDED',
  'TRADING_HALTED',
  'TRADING_REDUCING',
  'GREEK_LIMIT_EXCEEDED',
  'NO_REFERENCE_PRICE',
  'ORDER_NOTIONAL_EXCEEDED',
  'PRICE_BAND_EXCEEDED',
  'STALE_MARKET_DATA',
  'DAILY_LOSS_LIMIT',
  'LOSS_STREAK_COOLDOWN',
  'STRATEGY_BUDGET_EXCEEDED',
  'RATE_LIMITED',
  'DUPLICATE_INTENT',
  'UNKNOWN_ACTION',
  'MISSING_DIRECTION',
  'DIRECTION_MISMATCH',
  'INVALID_QUANTITY',
  'NOTHING_TO_CLOSE',
  'MANUAL_VETO',
  'APPROVAL_EXPIRED',
  'NO_SURFACE',
  'SURFACE_STALE',
  'NO_LIVE_EXPIRY',
  'NO_OTM_STRIKE',
  'NO_QUOTE',
  'LIMIT_NOT_MARKETABLE',
  'UNSUPPORTED_COMMAND',
] as const;
/** A reason code. */
export type ReasonCode = (typeof REASON_CODES)[number];

const CODES: ReadonlySet<string> = new Set(REASON_CODES);

/** Whether a value is a code of the table (for data read without its schema, e.g. audit rows). */
export const isReasonCode = (value: unknown): value is ReasonCode =>
  typeof value === 'string' && CODES.has(value);
