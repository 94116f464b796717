import { z } from 'zod';
import { baseFields, nullable, SideSchema } from './common.ts';

/** A strategy proposes a trade (or a hold). Published on `strategy.intent`. */
export const StrategyIntentEventSchema = z
  .object({
    /** Unique id; the deduplication key of the whole pipeline */
    intent_id: z.string().min(1),
    /** Emitting strategy instance, e.g. `pq_vol_trader_btc` */
    strategy_id: z.string().min(1),
    /** The underlying for option actions, else the instrument */
    symbol: z.string().min(1),
    /** `increase_long_gamma`, `increase_short_gamma`, `hold`, `delta_hedge`, `legacy_signal`, `s1_rebalance` */
    intent_type: z.string().min(1),
    /** What to do (SPEC §5.1); unknown actions are vetoed by the engine, not rejected here */
    action: z.string().min(1),
    /** Null only for `hold` */
    direction: nullable(SideSchema),
    /** Structures for option actions, else instrument units; validated by the engine (INVALID_QUANTITY) */
    quantity: z.number().nullable().default(0),
    /** 0…1 */
    confidence: z.number().default(1),
    /** Snake_case reason, e.g. `market_underpricing_volatility` */
    reason: nullable(z.string()),
    ...baseFields,
  })
  .readonly();
export type StrategyIntentEvent = z.infer<typeof StrategyIntentEventSchema>;
