import { z } from 'zod';
import { baseFields, nullable, SideSchema } from './common.ts';

/** A fill (or expiry settlement). Published on `order.fill`. */
export const OrderFillEventSchema = z
  .object({
    /** Owning strategy */
    strategy_id: z.string().min(1),
    /** Exchange id, `paper-<client_order_id>` */
    order_id: z.string().min(1),
    /** Instrument */
    symbol: z.string().min(1),
    /** Buy or sell */
    side: SideSchema,
    /** Filled quantity */
    quantity: z.number().finite(),
    /** USD per unit */
    price: z.number().finite(),
    /** Fee, USDT */
    fee: z.number().finite().default(0),
    /** As in the order */
    intent_id: nullable(z.string()),
    /** As in the order */
    client_order_id: nullable(z.string()),
    ...baseFields,
  })
  .readonly();
export type OrderFillEvent = z.infer<typeof OrderFillEventSchema>;
