import { z } from 'zod';
import { baseFields, nullable, SideSchema } from './common.ts';

/** An approved option intent for option execution. Published on `execution.command`. */
export const ExecutionCommandEventSchema = z
  .object({
    /** The approved intent */
    intent_id: z.string().min(1),
    /** Emitting strategy */
    strategy_id: z.string().min(1),
    /** The underlying */
    symbol: z.string().min(1),
    /** One of the four option actions */
    action: z.string().min(1),
    /** Buy or sell */
    direction: nullable(SideSchema),
    /** Structures */
    quantity: z.number().default(0),
    /** The approving user, or `auto` */
    approved_by: z.string().min(1),
    ...baseFields,
  })
  .readonly();
export type ExecutionCommandEvent = z.infer<typeof ExecutionCommandEventSchema>;
