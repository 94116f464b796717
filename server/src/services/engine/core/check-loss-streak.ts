import { reducesExposure } from './exposure.ts';
import type { CheckInput, LossStreak } from './types.ts';
import { verdictOf, type CheckVerdict } from './verdict.ts';

/** Whether a strategy is cooling down at `nowMs` after a loss streak. */
export const coolingDown = (streak: LossStreak, nowMs: number): boolean =>
  streak.cooldownUntilMs !== null && nowMs < streak.cooldownUntilMs;

/**
 * `loss_streak`: `RISK_LOSS_STREAK` losing closed trades in a row of the intent's strategy start a
 * cooldown of `RISK_LOSS_STREAK_COOLDOWN_S` (the loss-streak store keeps both); during it every order of
 * the strategy that adds exposure is vetoed, one that only reduces exposure passes. Value: the losses in
 * a row (the limit while cooling down, since the streak starts again from 0 when the cooldown starts).
 */
export function checkLossStreak({ book, order, catalogue }: CheckInput): CheckVerdict {
  const { limits, context } = catalogue;
  const cooling = coolingDown(context.lossStreak, context.nowMs);
  const legs = order.ok ? order.legs : order.sizes;
  const value = cooling ? Math.max(limits.lossStreak, context.lossStreak.losses) : context.lossStreak.losses;
  return verdictOf(
    { check: 'loss_streak', value, limit: limits.lossStreak },
    cooling && !reducesExposure(book, legs) ? 'LOSS_STREAK_COOLDOWN' : null,
  );
}
