import type { RiskCheckVerdict } from '@gamma/shared';
import { round4 } from './book-math.ts';
import type { CheckInput } from './types.ts';

/** `drawdown`: (peak − equity) / peak > `RISK_MAX_DRAWDOWN_PCT` vetoes (SPEC §6.1); the order plays no part. */
export function checkDrawdown({ book, limits }: CheckInput): RiskCheckVerdict {
  const raw = book.peak > 0 ? Math.max(0, (book.peak - book.equity) / book.peak) : book.equity > 0 ? 0 : 1;
  const passed = !(raw > limits.maxDrawdownPct);
  return {
    check: 'drawdown',
    passed,
    reason_code: passed ? null : 'MAX_DRAWDOWN_EXCEEDED',
    value: round4(raw),
    limit: limits.maxDrawdownPct,
  };
}
