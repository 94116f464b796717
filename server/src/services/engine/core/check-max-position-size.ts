import { baseCoinOf } from '@gamma/shared';
import { signedQuantity } from './book-math.ts';
import type { BookCheckInput, SizedLeg } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/**
 * `max_position_size`: |post-order quantity| per instrument of the order against the limit of its base
 * coin (`RISK_MAX_POSITION_QTY`). The value and limit reported are those of the instrument nearest its
 * limit; a coin without a configured limit is not bounded. Needs no price: it runs on unpriced orders too,
 * and fails `NO_REFERENCE_PRICE` only when the order's instruments are unknown.
 */
export function checkMaxPositionSize({ book, order, limits }: BookCheckInput): CheckVerdict {
  const legs: SizedLeg[] = order.ok ? order.legs : order.sizes;
  const base = { check: 'max_position_size' };
  if (legs.length === 0) {
    return { ...base, passed: false, reason_code: 'NO_REFERENCE_PRICE', value: null, limit: null };
  }
  const after: Record<string, number> = {};
  for (const leg of legs) {
    after[leg.symbol] =
      (after[leg.symbol] ?? book.positions[leg.symbol]?.quantity ?? 0) + signedQuantity(leg);
  }
  let worst: { value: number; limit: number | null; usage: number } | null = null;
  for (const [symbol, quantity] of Object.entries(after)) {
    const limit = limits.maxPositionQty[baseCoinOf(symbol).toUpperCase()] ?? null;
    const value = Math.abs(quantity);
    const usage = limit === null ? 0 : limit > 0 ? value / limit : Infinity;
    if (worst === null || usage > worst.usage || (usage === worst.usage && value > worst.value)) {
      worst = { value, limit, usage };
    }
  }
  const value = worst?.value ?? 0;
  const limit = worst?.limit ?? null;
  return verdictOf(
    { ...base, value: Math.round(value * 1e10) / 1e10, limit },
    limit !== null && above(value, limit) ? 'MAX_POSITION_SIZE_EXCEEDED' : null,
  );
}
