import type { ReasonCode } from '@gamma/shared';
import { positionsAfter, positionsBefore } from './book-math.ts';
import type { BookCheckInput, HeldPosition } from './types.ts';
import type { CheckVerdict } from './verdict.ts';

/** What a ratio check measures: a book's positions, in USD. */
type BookMeasure = (positions: Record<string, HeldPosition>) => number;

/**
 * The common start of a check of a book measure over equity: an order that could not be valued fails
 * with its own code and equity ≤ 0 with `noEquityCode` (value null both); otherwise the measure over
 * equity before and after the order, for the check to judge.
 */
export function equityRatios(
  { book, order }: BookCheckInput,
  base: { check: string; limit: number },
  { noEquityCode, measure }: { noEquityCode: ReasonCode; measure: BookMeasure },
): { verdict: CheckVerdict } | { before: number; after: number } {
  if (!order.ok) return { verdict: { ...base, passed: false, reason_code: order.code, value: null } };
  if (!(book.equity > 0))
    return { verdict: { ...base, passed: false, reason_code: noEquityCode, value: null } };
  return {
    before: measure(positionsBefore(book, order.legs)) / book.equity,
    after: measure(positionsAfter(book, order.legs)) / book.equity,
  };
}
