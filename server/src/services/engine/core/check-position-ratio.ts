import { positionValue, round4 } from './book-math.ts';
import { equityRatios } from './equity-ratio.ts';
import type { CheckInput } from './types.ts';
import type { CheckVerdict } from './verdict.ts';
import { above, below } from './tolerance.ts';

/**
 * `position_ratio`: post-order position value / equity. Direction-aware (SPEC §6.1): above the max vetoes
 * only an order that raises the ratio, below the min only one that lowers it, so an all-cash book can buy.
 * Equity ≤ 0 fails with value null; an unpriced order fails `NO_REFERENCE_PRICE`.
 */
export function checkPositionRatio(input: CheckInput): CheckVerdict {
  const { limits } = input;
  const base = { check: 'position_ratio', limit: limits.maxPositionRatio };
  const ratios = equityRatios(input, base, {
    noEquityCode: 'POSITION_RATIO_ABOVE_MAX',
    measure: positionValue,
  });
  if ('verdict' in ratios) return ratios.verdict;
  const { before, after } = ratios;
  if (above(after, limits.maxPositionRatio) && above(after, before)) {
    return { ...base, passed: false, reason_code: 'POSITION_RATIO_ABOVE_MAX', value: round4(after) };
  }
  if (below(after, limits.minPositionRatio) && below(after, before)) {
    return {
      ...base,
      limit: limits.minPositionRatio,
      passed: false,
      reason_code: 'POSITION_RATIO_BELOW_MIN',
      value: round4(after),
    };
  }
  return { ...base, passed: true, reason_code: null, value: round4(after) };
}
