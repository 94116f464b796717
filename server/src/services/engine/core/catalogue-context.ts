import type { StrategyIntentEvent } from '@gamma/shared';
import type { ResolvedTrade } from './intake.ts';
import { dataAges, type MarketView } from './market-view.ts';
import type { CatalogueLimits, CheckInput, LossStreak } from './types.ts';

/** The shared risk records an evaluation reads: the day's start equity and the strategies' loss streaks. */
export interface RiskRecords {
  /** Equity at the start of the current UTC day, USD; null when not known yet */
  dayStartEquity: number | null;
  /** Strategy id → its run of losing closed trades (absent: none) */
  lossStreaks: Readonly<Record<string, LossStreak>>;
}

/** What an evaluation holds of the shared risk records. */
export interface WithRiskRecords {
  /** What the shared risk records held when this process last read them */
  records: RiskRecords;
}

/** No loss streak: a strategy the loss-streak store has no record of. */
export const NO_LOSS_STREAK: LossStreak = { losses: 0, cooldownUntilMs: null };

/** The catalogue checks' part of a check input: their limits and what they read of the intent and state. */
export function catalogueInput(
  intent: StrategyIntentEvent,
  trade: ResolvedTrade,
  ctx: { market: MarketView; records: RiskRecords; nowMs: number; config: { catalogue: CatalogueLimits } },
): CheckInput['catalogue'] {
  return {
    limits: ctx.config.catalogue,
    context: {
      dataAges: dataAges({ symbol: intent.symbol, route: trade.route }, ctx.market, ctx.nowMs),
      dayStartEquity: ctx.records.dayStartEquity,
      lossStreak: ctx.records.lossStreaks[intent.strategy_id] ?? NO_LOSS_STREAK,
      nowMs: ctx.nowMs,
    },
  };
}
