import { grossNotional, positionsAfter, positionsBefore, round4 } from './book-math.ts';
import type { CheckInput } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';

/**
 * `gross_leverage`: post-order gross notional (Σ |quantity| × spot of the underlying) / equity; above
 * `RISK_MAX_GROSS_LEVERAGE` vetoes only an order that raises it (SPEC §6.1). Equity ≤ 0 fails, value null.
 */
export function checkGrossLeverage({ book, order, limits }: CheckInput): CheckVerdict {
  const base = { check: 'gross_leverage', limit: limits.maxGrossLeverage };
  if (!order.ok) return { ...base, passed: false, reason_code: order.code, value: null };
  if (!(book.equity > 0))
    return { ...base, passed: false, reason_code: 'GROSS_LEVERAGE_EXCEEDED', value: null };
  const before = grossNotional(positionsBefore(book, order.legs)) / book.equity;
  const after = grossNotional(positionsAfter(book, order.legs)) / book.equity;
  const exceeded = after > limits.maxGrossLeverage && after > before;
  return verdictOf({ ...base, value: round4(after) }, exceeded ? 'GROSS_LEVERAGE_EXCEEDED' : null);
}
