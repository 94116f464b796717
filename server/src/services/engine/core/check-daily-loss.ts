import { round4 } from './book-math.ts';
import { reducesExposure } from './exposure.ts';
import type { CheckInput } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';
import { above } from './tolerance.ts';

/** The day's loss as a decimal of the start-of-day equity (0 when up); null when the start is unknown. */
export function dailyLoss(equity: number, dayStartEquity: number | null): number | null {
  if (dayStartEquity === null || !(dayStartEquity > 0)) return null;
  return Math.max(0, (dayStartEquity - equity) / dayStartEquity);
}

/**
 * `daily_loss`: (start-of-UTC-day equity − equity) / start-of-day equity above `RISK_DAILY_LOSS_PCT`
 * vetoes every order that adds exposure; an order that only reduces exposure passes, so a losing day
 * can still be flattened. Passes with value null until the day's start equity is known.
 */
export function checkDailyLoss({ book, order, catalogue }: CheckInput): CheckVerdict {
  const limit = catalogue.limits.dailyLossPct;
  const loss = dailyLoss(book.equity, catalogue.context.dayStartEquity);
  const base = { check: 'daily_loss', limit, value: loss === null ? null : round4(loss) };
  const legs = order.ok ? order.legs : order.sizes;
  const breached = loss !== null && above(loss, limit) && !reducesExposure(book, legs);
  return verdictOf(base, breached ? 'DAILY_LOSS_LIMIT' : null);
}
