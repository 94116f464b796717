import type { PositionUpdateEvent } from '@gamma/shared';
import type { Clock } from '../../lib/clock.ts';
import type { DayStartStore } from '../../stores/day-start/day-start-store.ts';
import type { LossStreakStore } from '../../stores/loss-streaks/loss-streak-store.ts';
import { tradeClosedBy, utcDay } from './core/closed-trades.ts';
import type { EngineConfig } from './core/evaluate.ts';
import type { EngineState } from './engine-state.ts';

/**
 * Keeps this process's copy of the shared risk records current: the day's start equity (`daily_loss`)
 * and each strategy's loss streak (`loss_streak`), both Redis records every engine process shares.
 */
export class RiskRecordsFeed {
  constructor(
    private readonly deps: {
      state: EngineState;
      config: EngineConfig;
      clock: Clock;
      dayStarts: DayStartStore;
      lossStreaks: LossStreakStore;
    },
  ) {}

  /** Takes every strategy's loss streak from the store (at start, before the restore replays updates). */
  async load(): Promise<void> {
    const streaks = await this.deps.lossStreaks.loadAll();
    for (const [strategyId, streak] of Object.entries(streaks))
      this.deps.state.setLossStreak(strategyId, streak);
  }

  /**
   * The first equity any engine process offers for a UTC day is its start: the first `portfolio.risk` of
   * the day, or the equity at the first evaluation when none came yet. A replayed entry of an earlier day
   * offers nothing.
   */
  async claimDayStart(atMs: number): Promise<void> {
    const { state, clock, dayStarts } = this.deps;
    const day = utcDay(atMs);
    if (day !== utcDay(clock.now()) || state.dayStartDay() === day) return;
    state.setDayStart(day, await dayStarts.claim(day, state.portfolio().equity));
  }

  /**
   * A position update that closes a strategy's trade goes to the loss-streak store (once per entry across
   * engine processes); the strategy's streak it returns is what this process checks against.
   */
  async recordClose(update: PositionUpdateEvent, previousQuantity: number, entryId: string): Promise<void> {
    const close = tradeClosedBy(update, previousQuantity);
    if (close === null) return;
    const { config } = this.deps;
    const streak = await this.deps.lossStreaks.record(
      { ...close, entryId },
      { streak: config.catalogue.lossStreak, cooldownMs: config.catalogue.lossStreakCooldownS * 1000 },
    );
    this.deps.state.setLossStreak(close.strategyId, streak);
  }
}
