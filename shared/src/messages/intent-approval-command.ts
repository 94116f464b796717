import { z } from 'zod';
import { baseFields, nullable } from './common.ts';

/** The trader's approve/veto of a pending intent. Published on `intent.approval` by the gateway. */
export const IntentApprovalCommandSchema = z
  .object({
    /** UUID; deduplication key */
    command_id: z.string().min(1),
    /** The pending intent */
    intent_id: z.string().min(1),
    /** Approve or veto */
    command: z.enum(['approve', 'veto']),
    /** User id */
    requested_by: z.string().min(1),
    /** Required and non-blank for `veto` */
    reason: nullable(z.string()),
    ...baseFields,
  })
  .refine((c) => c.command !== 'veto' || (c.reason ?? '').trim() !== '', {
    message: 'a veto needs a non-blank reason',
    path: ['reason'],
  })
  .readonly();
export type IntentApprovalCommand = z.infer<typeof IntentApprovalCommandSchema>;
