import type { z } from 'zod';
import { DailyHistoryEventSchema } from './daily-history-event.ts';
import { DeadLetterEventSchema } from './dead-letter-event.ts';
import { ExecutionCommandEventSchema } from './execution-command-event.ts';
import { IntentApprovalCommandSchema } from './intent-approval-command.ts';
import { IntentDecisionEventSchema } from './intent-decision-event.ts';
import { MacroStateEventSchema } from './macro-state-event.ts';
import { MarketTickEventSchema } from './market-tick-event.ts';
import { OrderCommandSchema } from './order-command.ts';
import { OrderFillEventSchema } from './order-fill-event.ts';
import { PortfolioRiskEventSchema } from './portfolio-risk-event.ts';
import { PositionUpdateEventSchema } from './position-update-event.ts';
import { RiskAlertEventSchema } from './risk-alert-event.ts';
import { StrategyIntentEventSchema } from './strategy-intent-event.ts';
import { TradingStateEventSchema } from './trading-state-event.ts';
import { StrategySignalEventSchema } from './strategy-signal-event.ts';
import { VolatilityForecastEventSchema } from './volatility-forecast-event.ts';
import { VolatilitySurfaceEventSchema } from './volatility-surface-event.ts';

/** The one table of streams (SPEC §2): name → schema of its messages. */
export const STREAMS = {
  'market.tick': MarketTickEventSchema,
  'market.vol_surface': VolatilitySurfaceEventSchema,
  'market.daily_history': DailyHistoryEventSchema,
  'strategy.forecast.volatility': VolatilityForecastEventSchema,
  'strategy.intent': StrategyIntentEventSchema,
  'strategy.signal': StrategySignalEventSchema,
  'intent.approval': IntentApprovalCommandSchema,
  'intent.decision': IntentDecisionEventSchema,
  'execution.command': ExecutionCommandEventSchema,
  'order.command': OrderCommandSchema,
  'order.fill': OrderFillEventSchema,
  'position.update': PositionUpdateEventSchema,
  'portfolio.risk': PortfolioRiskEventSchema,
  'market.macro_state': MacroStateEventSchema,
  'risk.alert': RiskAlertEventSchema,
  'risk.trading_state': TradingStateEventSchema,
  dlq: DeadLetterEventSchema,
} as const;

/** A stream name without prefix. */
export type StreamName = keyof typeof STREAMS;
/** The decoded message type of a stream. */
export type StreamMessage<TName extends StreamName> = z.output<(typeof STREAMS)[TName]>;
/** What a producer writes to a stream (defaults may be left out). */
export type StreamInput<TName extends StreamName> = z.input<(typeof STREAMS)[TName]>;
/** Every stream name. */
export const STREAM_NAMES = Object.keys(STREAMS) as StreamName[];
