import { positionsAfter, round4 } from './book-math.ts';
import type { BookCheckInput } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/**
 * `single_position_share`: |post-order quantity × mark| / equity per instrument of the order (per leg for
 * options); the largest is the value; above `RISK_MAX_SINGLE_POSITION_PCT` vetoes (SPEC §6.1).
 */
export function checkSinglePositionShare({ book, order, limits }: BookCheckInput): CheckVerdict {
  const base = { check: 'single_position_share', limit: limits.maxSinglePositionPct };
  if (!order.ok) return { ...base, passed: false, reason_code: order.code, value: null };
  if (!(book.equity > 0)) {
    return { ...base, passed: false, reason_code: 'SINGLE_POSITION_SHARE_EXCEEDED', value: null };
  }
  const after = positionsAfter(book, order.legs);
  const share = Math.max(
    0,
    ...order.legs.map((leg) => Math.abs((after[leg.symbol]?.quantity ?? 0) * leg.mark) / book.equity),
  );
  return verdictOf(
    { ...base, value: round4(share) },
    above(share, limits.maxSinglePositionPct) ? 'SINGLE_POSITION_SHARE_EXCEEDED' : null,
  );
}
