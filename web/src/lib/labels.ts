import type { DecisionStatus, IntentStatus, ReasonCode } from '@gamma/shared';

/** Labels of every intent type of SPEC §3.3 / §4. */
export const INTENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  increase_long_gamma: 'Increase long gamma',
  increase_short_gamma: 'Increase short gamma',
  hold: 'Hold',
  delta_hedge: 'Delta hedge',
  legacy_signal: 'Legacy signal',
  s1_rebalance: 'S1 rebalance',
};

/** Labels of every strategy reason of SPEC §4 (and the legacy default). */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  market_underpricing_volatility: 'Market underpricing volatility',
  market_overpricing_volatility: 'Market overpricing volatility',
  high_fomo_risk: 'High FOMO risk',
  macro_regime_hold: 'Macro regime hold',
  intraday_chase_limit: 'Intraday chase limit',
  position_limit_reached: 'Position limit reached',
  threshold_not_met: 'P/Q spread below threshold',
  maintain_delta_neutral: 'Maintain delta neutral',
  grid_upper_reversal: 'Grid upper reversal',
  grid_lower_reversal: 'Grid lower reversal',
  s1_above_daily_high: 'S1 above daily high',
  s1_below_daily_low: 'S1 below daily low',
  legacy_signal: 'Legacy signal',
};

/** Labels of the reason codes of SPEC §5.4: one per code of the table, or this does not compile. */
export const REASON_CODE_LABELS: Readonly<Record<ReasonCode, string>> = {
  MAX_DRAWDOWN_EXCEEDED: 'Max drawdown exceeded',
  POSITION_RATIO_ABOVE_MAX: 'Position ratio above max',
  POSITION_RATIO_BELOW_MIN: 'Position ratio below min',
  SINGLE_POSITION_SHARE_EXCEEDED: 'Single position share exceeded',
  GROSS_LEVERAGE_EXCEEDED: 'Gross leverage exceeded',
  MAX_POSITION_SIZE_EXCEEDED: 'Max position size exceeded',
  NO_REFERENCE_PRICE: 'No reference price',
  ORDER_NOTIONAL_EXCEEDED: 'Order notional exceeded',
  PRICE_BAND_EXCEEDED: 'Price band exceeded',
  STALE_MARKET_DATA: 'Stale market data',
  DAILY_LOSS_LIMIT: 'Daily loss limit',
  LOSS_STREAK_COOLDOWN: 'Loss streak cooldown',
  STRATEGY_BUDGET_EXCEEDED: 'Strategy budget exceeded',
  RATE_LIMITED: 'Rate limited',
  DUPLICATE_INTENT: 'Duplicate intent',
  UNKNOWN_ACTION: 'Unknown action',
  MISSING_DIRECTION: 'Missing direction',
  DIRECTION_MISMATCH: 'Direction mismatch',
  INVALID_QUANTITY: 'Invalid quantity',
  NOTHING_TO_CLOSE: 'Nothing to close',
  MANUAL_VETO: 'Manual veto',
  APPROVAL_EXPIRED: 'Approval expired',
  NO_SURFACE: 'No surface',
  SURFACE_STALE: 'Surface stale',
  NO_LIVE_EXPIRY: 'No live expiry',
  NO_OTM_STRIKE: 'No OTM strike',
  NO_QUOTE: 'No quote',
  LIMIT_NOT_MARKETABLE: 'Limit not marketable',
  UNSUPPORTED_COMMAND: 'Unsupported command',
  TRADING_HALTED: 'Trading halted',
  TRADING_REDUCING: 'Trading reducing only',
  GREEK_LIMIT_EXCEEDED: 'Greek limit exceeded',
};

/** Labels of the risk checks of SPEC §6.1. */
export const CHECK_LABELS: Readonly<Record<string, string>> = {
  drawdown: 'Drawdown',
  position_ratio: 'Position ratio',
  single_position_share: 'Single position share',
  gross_leverage: 'Gross leverage',
  max_position_size: 'Max position size',
  delta_limit: 'Delta limit',
  gamma_limit: 'Gamma limit',
  vega_limit: 'Vega limit',
  theta_limit: 'Theta limit',
  order_notional: 'Order notional',
  strategy_budget: 'Strategy budget',
  order_rate: 'Order rate',
  daily_loss: 'Daily loss',
  loss_streak: 'Loss streak',
  price_band: 'Price band',
  market_data_age: 'Market data age',
  duplicate_intent: 'Duplicate intent',
  trading_state: 'Trading state',
};

/** Labels of the actions of SPEC §5.1. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  buy_straddle: 'Buy straddle',
  sell_straddle: 'Sell straddle',
  buy_strangle: 'Buy strangle',
  sell_strangle: 'Sell strangle',
  delta_hedge: 'Delta hedge',
  buy: 'Buy',
  sell: 'Sell',
  close: 'Close',
  hold: 'Hold',
};

/**
 * Labels of the decision statuses of `intent.decision` (SPEC §5.3), with the four-eyes step of issue 10:
 * the first of two traders approved, the second has yet to.
 */
export const DECISION_STATUS_LABELS: Readonly<Record<DecisionStatus, string>> = {
  pending_approval: 'pending approval',
  awaiting_second_approval: 'awaiting second approval',
  approved: 'approved',
  vetoed: 'vetoed',
  expired: 'expired',
  rejected_on_recheck: 'rejected on recheck',
  execution_rejected: 'execution rejected',
};

/** Labels of the intent statuses the feed shows otherwise than their own code. */
export const INTENT_STATUS_LABELS: Readonly<Partial<Record<IntentStatus, string>>> = {
  rejected_on_recheck: 'rejected on recheck',
  execution_rejected: 'execution rejected',
};

/** The label of a code from a table; an unknown or missing code is shown raw (or `—`). */
export function labelOf(table: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return Object.hasOwn(table, code) ? (table[code] ?? code) : code;
}

export const intentTypeLabel = (code: string | null | undefined): string => labelOf(INTENT_TYPE_LABELS, code);
export const reasonLabel = (code: string | null | undefined): string => labelOf(REASON_LABELS, code);
export const reasonCodeLabel = (code: ReasonCode | null | undefined): string =>
  labelOf(REASON_CODE_LABELS, code);
export const checkLabel = (code: string | null | undefined): string => labelOf(CHECK_LABELS, code);
export const actionLabel = (code: string | null | undefined): string => labelOf(ACTION_LABELS, code);
export const decisionStatusLabel = (code: string | null | undefined): string =>
  labelOf(DECISION_STATUS_LABELS, code);
export const intentStatusLabel = (code: string | null | undefined): string =>
  labelOf(INTENT_STATUS_LABELS, code);

/**
 * Who made a decision, in words: both approvers of a four-eyes approval (`alice and bob`), else the single
 * decider (`engine`, `alice`).
 */
export function decidersText(decidedBy: string, approvers: readonly string[] | undefined): string {
  const names = approvers ?? [];
  if (names.length === 0) return decidedBy;
  return names.length === 1
    ? (names[0] ?? decidedBy)
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
