import { round4 } from './book-math.ts';
import type { BookCheckInput } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/** `drawdown`: (peak − equity) / peak > `RISK_MAX_DRAWDOWN_PCT` vetoes (SPEC §6.1); the order plays no part. */
export function checkDrawdown({ book, limits }: BookCheckInput): CheckVerdict {
  const raw = book.peak > 0 ? Math.max(0, (book.peak - book.equity) / book.peak) : book.equity > 0 ? 0 : 1;
  return verdictOf(
    { check: 'drawdown', value: round4(raw), limit: limits.maxDrawdownPct },
    above(raw, limits.maxDrawdownPct) ? 'MAX_DRAWDOWN_EXCEEDED' : null,
  );
}
