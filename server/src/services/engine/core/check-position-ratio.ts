import { positionValue, round4 } from './book-math.ts';
import { equityRatios } from './equity-ratio.ts';
import type { BookCheckInput } from './types.ts';
import type { CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/**
 * `position_ratio`: post-order position value / equity. Direction-aware (SPEC §6.1): above the max vetoes
 * only an order that raises the ratio. The min (`RISK_MIN_POSITION_RATIO`) never vetoes (issue 9: a sell
 * that flattens a fresh position must go through): the risk service raises it as a `risk.alert`.
 * Equity ≤ 0 fails with value null; an unpriced order fails `NO_REFERENCE_PRICE`.
 */
export function checkPositionRatio(input: BookCheckInput): CheckVerdict {
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
  return { ...base, passed: true, reason_code: null, value: round4(after) };
}
