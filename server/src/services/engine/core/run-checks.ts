import type { ReasonCode, RiskCheckVerdict } from '@gamma/shared';
import { checkDailyLoss } from './check-daily-loss.ts';
import { checkDrawdown } from './check-drawdown.ts';
import {
  checkDeltaLimit,
  checkGammaLimit,
  checkThetaLimit,
  checkVegaLimit,
  roundGreek,
} from './check-greek-limits.ts';
import { checkGrossLeverage } from './check-gross-leverage.ts';
import { checkLossStreak } from './check-loss-streak.ts';
import { checkMarketDataAge } from './check-market-data-age.ts';
import { checkMaxPositionSize } from './check-max-position-size.ts';
import { checkOrderNotional } from './check-order-notional.ts';
import { checkPositionRatio } from './check-position-ratio.ts';
import { checkPriceBand, describePriceBand } from './check-price-band.ts';
import { checkSinglePositionShare } from './check-single-position-share.ts';
import { checkTradingState } from './check-trading-state.ts';
import { pct, round4 } from './book-math.ts';
import { checkDuplicateIntentOnBook, checkOrderRateOnBook, checkStrategyBudgetOnBook } from './capacity.ts';
import type { BookCheck, BookCheckInput, CheckInput, RiskCheck } from './types.ts';
import type { CheckVerdict } from './verdict.ts';

/**
 * The checks of the shared book, each with a twin in the reserve script, in the order of CHECKS in
 * `stores/scripts/reservation-reserve.lua`: the script's verdicts replace these on the decision.
 */
export const BOOK_CHECKS: readonly BookCheck[] = [
  checkDrawdown,
  checkTradingState,
  checkPositionRatio,
  checkSinglePositionShare,
  checkGrossLeverage,
  checkMaxPositionSize,
  checkDeltaLimit,
  checkGammaLimit,
  checkVegaLimit,
  checkThetaLimit,
  checkStrategyBudgetOnBook,
  checkOrderRateOnBook,
  checkDuplicateIntentOnBook,
];

/** Every pre-order check: the shared book's (the SPEC §3.3 five, state, Greeks), then the rest of the catalogue. */
export const RISK_CHECKS: readonly RiskCheck[] = [
  ...BOOK_CHECKS,
  checkOrderNotional,
  checkPriceBand,
  checkMarketDataAge,
  checkDailyLoss,
  checkLossStreak,
];

/** The outcome of the pre-order checks: every verdict, and the failing codes (unique, in check order). */
export interface CheckOutcome {
  checks: RiskCheckVerdict[];
  passed: boolean;
  reasonCodes: ReasonCode[];
  /** The failing checks in words, e.g. `single position share 33.33% > 30.00%`; null when all passed */
  reason: string | null;
  /** Checks that failed but were waived (recorded as passed): a protective hedge's drawdown, ratio, state */
  waived: string[];
}

/** The failures of the rest of the catalogue in words, each in its unit; null for the other checks. */
function describeCatalogue(v: RiskCheckVerdict, input: CheckInput): string | null {
  const value = v.value ?? NaN;
  const limit = v.limit ?? NaN;
  switch (v.check) {
    case 'order_notional':
      return `order notional ${value.toFixed(2)} USD > ${limit} USD`;
    case 'price_band':
      return describePriceBand(input);
    case 'market_data_age':
      return v.value === null
        ? 'market data age: no tick or surface seen'
        : `market data age ${value} s > ${limit} s`;
    case 'daily_loss':
      return `daily loss ${pct(value)} > ${pct(limit)} of the start-of-day equity`;
    case 'loss_streak':
      return `loss streak: ${value} losing trades in a row (limit ${limit}), cooling down`;
    default:
      return null;
  }
}

const GREEK_UNITS: Readonly<Record<string, string>> = {
  delta_limit: ' coins',
  gamma_limit: ' per USD',
  vega_limit: ' USD/vol pt',
  theta_limit: ' USD/day short',
};

/** A failing check of the shared book in words, e.g. `single position share 33.33% > 30.00%`. */
function describeBook(v: RiskCheckVerdict): string {
  const name = v.check.replaceAll('_', ' ');
  if (v.reason_code === 'TRADING_HALTED') return 'trading halted';
  if (v.reason_code === 'TRADING_REDUCING') return 'trading reducing: the order does not reduce exposure';
  if (v.value === null) return `${name}: equity ≤ 0`;
  const limit = v.limit ?? NaN;
  const unit = GREEK_UNITS[v.check];
  if (unit !== undefined) return `${v.check.replace('_limit', '')} ${v.value}${unit} > ${limit}`;
  switch (v.check) {
    case 'strategy_budget':
      return `strategy budget ${v.value.toFixed(2)} USD > ${limit} USD`;
    case 'order_rate':
      return `order rate ${v.value} orders in a second > ${limit}`;
    case 'duplicate_intent':
      return `duplicate of an intent ${v.value} s ago (window ${limit} s)`;
    case 'gross_leverage':
      return `${name} ${v.value.toFixed(2)} > ${limit.toFixed(2)}`;
    case 'max_position_size':
      return `position size ${v.value} > ${limit}`;
    default:
      return `${name} ${pct(v.value)} > ${pct(limit)}`;
  }
}

const describe = (v: RiskCheckVerdict, input: CheckInput): string => {
  const name = v.check.replaceAll('_', ' ');
  if (v.reason_code === 'NO_REFERENCE_PRICE') return `${name}: no reference price`;
  return describeCatalogue(v, input) ?? describeBook(v);
};

/** A verdict of the reserve script as the decision records it: its value rounded as the pure check rounds it. */
export function recorded(v: RiskCheckVerdict): RiskCheckVerdict {
  const round = ROUNDING[v.check];
  return round && v.value !== null ? { ...v, value: round(v.value) } : { ...v };
}

/** Summarises verdicts: passed when all did, the failing codes (unique, in order) and their words. */
function summarise(
  checks: RiskCheckVerdict[],
  waived: string[],
  words: (v: RiskCheckVerdict) => string,
): CheckOutcome {
  const failed = checks.filter((c) => !c.passed);
  const reasonCodes = [...new Set(failed.flatMap((c) => (c.reason_code === null ? [] : [c.reason_code])))];
  return {
    checks,
    passed: failed.length === 0,
    reasonCodes,
    reason: failed.length === 0 ? null : failed.map(words).join('; '),
    waived,
  };
}

/** Runs `checks`, recording a failing verdict of a check in `waive` as passed (named in `waived`). */
function runWaived<T extends BookCheckInput>(
  checks: readonly ((input: T) => CheckVerdict)[],
  input: T,
  waive: ReadonlySet<string>,
): { checks: RiskCheckVerdict[]; waived: string[] } {
  const waived: string[] = [];
  const verdicts = checks.map((check): RiskCheckVerdict => {
    const verdict = check(input);
    if (verdict.passed || !waive.has(verdict.check)) return verdict;
    waived.push(verdict.check);
    return { ...verdict, passed: true, reason_code: null };
  });
  return { checks: verdicts, waived };
}

/** The pure verdicts of every check, before the reserve script's are merged in (see {@link mergeChecks}). */
export interface PureVerdicts {
  checks: RiskCheckVerdict[];
  waived: string[];
}

/** Runs every check (none stops the others); a failing check in `waive` is recorded as passed. */
export const pureChecks = (input: CheckInput, waive: ReadonlySet<string> = new Set()): PureVerdicts =>
  runWaived(RISK_CHECKS, input, waive);

/**
 * Summarises the pure verdicts and the failures; with `atomic` (the reserve script's verdicts), a check
 * the script ran is recorded as the script checked it.
 */
export function mergeChecks(
  input: CheckInput,
  pure: PureVerdicts,
  atomic: readonly RiskCheckVerdict[] | null,
): CheckOutcome {
  const fromScript = new Map((atomic ?? []).map((v) => [v.check, recorded(v)]));
  const checks = pure.checks.map((v) => fromScript.get(v.check) ?? v);
  return summarise(checks, [...pure.waived], (v) => describe(v, input));
}

/**
 * Runs every check (none stops the others) and summarises the failures. A failing verdict of a check in
 * `waive` is recorded as passed, with its value and limit, and named in `waived`. With `atomic` (the
 * reserve script's verdicts), a check the script ran is recorded as the script checked it.
 */
export function runChecks(
  input: CheckInput,
  waive: ReadonlySet<string> = new Set(),
  atomic: readonly RiskCheckVerdict[] | null = null,
): CheckOutcome {
  return mergeChecks(input, pureChecks(input, waive), atomic);
}

/** The checks of the shared book alone: the pure twin of the reserve script. */
export function runBookChecks(input: BookCheckInput, waive: ReadonlySet<string> = new Set()): CheckOutcome {
  const pure = runWaived(BOOK_CHECKS, input, waive);
  return summarise(pure.checks, pure.waived, (v) =>
    v.reason_code === 'NO_REFERENCE_PRICE' ? v.check : describeBook(v),
  );
}

const ROUNDING: Readonly<Record<string, (x: number) => number>> = {
  drawdown: round4,
  position_ratio: round4,
  single_position_share: round4,
  gross_leverage: round4,
  max_position_size: (x) => Math.round(x * 1e10) / 1e10,
  delta_limit: roundGreek,
  gamma_limit: roundGreek,
  vega_limit: roundGreek,
  theta_limit: roundGreek,
  strategy_budget: round4,
  order_rate: round4,
  duplicate_intent: (x) => Math.round(x * 1000) / 1000,
};
