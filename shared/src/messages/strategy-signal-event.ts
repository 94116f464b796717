import { z } from 'zod';
import { baseFields, FiniteSchema, nullable } from './common.ts';

/** Legacy strategy signal, converted to an intent by the engine. Published on `strategy.signal`. */
export const StrategySignalEventSchema = z
  .object({
    /** Emitting strategy instance */
    strategy_id: z.string().min(1),
    /** `buy`, `sell`, `hold` or `close` */
    signal_type: z.enum(['buy', 'sell', 'hold', 'close']),
    /** Instrument */
    symbol: z.string().min(1),
    /** 0…1 */
    confidence: FiniteSchema.default(1),
    /** Becomes the limit price */
    target_price: nullable(FiniteSchema),
    /** Carried into the intent's metadata */
    stop_loss: nullable(FiniteSchema),
    /** Carried into the intent's metadata */
    take_profit: nullable(FiniteSchema),
    ...baseFields,
  })
  .readonly();
export type StrategySignalEvent = z.infer<typeof StrategySignalEventSchema>;
