import type { ReasonCode, RiskCheckVerdict } from '@gamma/shared';
import { checkDailyLoss } from './check-daily-loss.ts';
import { checkDrawdown } from './check-drawdown.ts';
import { checkGrossLeverage } from './check-gross-leverage.ts';
import { checkLossStreak } from './check-loss-streak.ts';
import { checkMarketDataAge } from './check-market-data-age.ts';
import { checkMaxPositionSize } from './check-max-position-size.ts';
import { checkOrderNotional } from './check-order-notional.ts';
import { checkPositionRatio } from './check-position-ratio.ts';
import { checkPriceBand, describePriceBand } from './check-price-band.ts';
import { checkSinglePositionShare } from './check-single-position-share.ts';
import { pct } from './book-math.ts';
import type { CheckInput, RiskCheck } from './types.ts';
import type { CheckVerdict } from './verdict.ts';

/** Every pre-order check: the five of the SPEC §3.3 example in its order, then the rest of the catalogue. */
export const RISK_CHECKS: readonly RiskCheck[] = [
  checkDrawdown,
  checkPositionRatio,
  checkSinglePositionShare,
  checkGrossLeverage,
  checkMaxPositionSize,
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

const describe = (v: RiskCheckVerdict, input: CheckInput): string => {
  const name = v.check.replaceAll('_', ' ');
  if (v.reason_code === 'NO_REFERENCE_PRICE') return `${name}: no reference price`;
  const catalogue = describeCatalogue(v, input);
  if (catalogue !== null) return catalogue;
  if (v.value === null) return `${name}: equity ≤ 0`;
  const limit = v.limit ?? NaN;
  const cmp = v.reason_code === 'POSITION_RATIO_BELOW_MIN' ? '<' : '>';
  switch (v.check) {
    case 'gross_leverage':
      return `${name} ${v.value.toFixed(2)} ${cmp} ${limit.toFixed(2)}`;
    case 'max_position_size':
      return `position size ${v.value} ${cmp} ${limit}`;
    default:
      return `${name} ${pct(v.value)} ${cmp} ${pct(limit)}`;
  }
};

/**
 * Runs every check (none stops the others) and summarises the failures. A failing verdict of a check in
 * `waive` is recorded as passed, with its value and limit, and named in `waived`.
 */
export function runChecks(input: CheckInput, waive: ReadonlySet<string> = new Set()): CheckOutcome {
  const waived: string[] = [];
  const checks = RISK_CHECKS.map((check): CheckVerdict => {
    const verdict = check(input);
    if (verdict.passed || !waive.has(verdict.check)) return verdict;
    waived.push(verdict.check);
    return { ...verdict, passed: true, reason_code: null };
  });
  const failed = checks.filter((c): c is Extract<CheckVerdict, { passed: false }> => !c.passed);
  const reasonCodes = [...new Set(failed.map((c) => c.reason_code))];
  return {
    checks,
    passed: failed.length === 0,
    reasonCodes,
    reason: failed.length === 0 ? null : failed.map((v) => describe(v, input)).join('; '),
    waived,
  };
}
