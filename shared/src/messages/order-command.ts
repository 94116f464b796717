import { z } from 'zod';
import { baseFields, nullable, SideSchema } from './common.ts';

/** One order for the exchange. Published on `order.command`. */
export const OrderCommandSchema = z
  .object({
    /** Owning strategy */
    strategy_id: z.string().min(1),
    /** Spot, perpetual or option symbol */
    symbol: z.string().min(1),
    /** Buy or sell */
    side: SideSchema,
    /** Market or limit */
    order_type: z.enum(['market', 'limit']).default('limit'),
    /** Instrument units (> 0) */
    quantity: z.number().finite().positive(),
    /** Limit price, USD; null for market */
    price: nullable(z.number().finite()),
    /** Create, cancel or modify */
    command: z.enum(['create', 'cancel', 'modify']).default('create'),
    /** Target of cancel / modify */
    order_id: nullable(z.string()),
    /** The intent behind it; null only from original producers */
    intent_id: nullable(z.string()),
    /** `<intent_id>-<leg>`; deduplication key */
    client_order_id: nullable(z.string()),
    ...baseFields,
  })
  .readonly();
export type OrderCommand = z.infer<typeof OrderCommandSchema>;
