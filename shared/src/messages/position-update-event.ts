import { z } from 'zod';
import { baseFields } from './common.ts';

/** A strategy's position in one symbol after a fill. Published on `position.update`. */
export const PositionUpdateEventSchema = z
  .object({
    /** Owner of the position */
    strategy_id: z.string().min(1),
    /** Instrument */
    symbol: z.string().min(1),
    /** Signed net quantity */
    quantity: z.number().finite(),
    /** Average entry price; 0 when flat */
    avg_price: z.number().finite(),
    /** At the current mark, USD */
    unrealized_pnl: z.number().finite().default(0),
    ...baseFields,
  })
  .readonly();
export type PositionUpdateEvent = z.infer<typeof PositionUpdateEventSchema>;
