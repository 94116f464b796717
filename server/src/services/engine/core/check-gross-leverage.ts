import { grossNotional, round4 } from './book-math.ts';
import { equityRatios } from './equity-ratio.ts';
import type { BookCheckInput } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/**
 * `gross_leverage`: post-order gross notional (Σ |quantity| × spot of the underlying) / equity; above
 * `RISK_MAX_GROSS_LEVERAGE` vetoes only an order that raises it (SPEC §6.1). Equity ≤ 0 fails, value null.
 */
export function checkGrossLeverage(input: BookCheckInput): CheckVerdict {
  const { limits } = input;
  const base = { check: 'gross_leverage', limit: limits.maxGrossLeverage };
  const ratios = equityRatios(input, base, {
    noEquityCode: 'GROSS_LEVERAGE_EXCEEDED',
    measure: grossNotional,
  });
  if ('verdict' in ratios) return ratios.verdict;
  const { before, after } = ratios;
  const exceeded = above(after, limits.maxGrossLeverage) && above(after, before);
  return verdictOf({ ...base, value: round4(after) }, exceeded ? 'GROSS_LEVERAGE_EXCEEDED' : null);
}
