import { z } from 'zod';
import { REASON_CODES } from '../reason-codes.ts';
import { baseFields, IsoTimestampSchema, nullable, SideSchema } from './common.ts';

/** Decision statuses of an intent (SPEC §3.3). */
export const DECISION_STATUSES = [
  'pending_approval',
  'awaiting_second_approval',
  'approved',
  'vetoed',
  'expired',
  'rejected_on_recheck',
  'execution_rejected',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** One pre-order risk check's verdict. */
export const RiskCheckVerdictSchema = z
  .object({
    /** Check name, e.g. `gross_leverage` */
    check: z.string(),
    /** Whether it passed */
    passed: z.boolean(),
    /** Code from the reason-code table when it failed */
    reason_code: nullable(z.enum(REASON_CODES)),
    /** Measured figure after the order */
    value: nullable(z.number()),
    /** The configured bound */
    limit: nullable(z.number()),
  })
  .readonly();
export type RiskCheckVerdict = z.infer<typeof RiskCheckVerdictSchema>;

/** One outcome of an intent. Published on `intent.decision`. */
export const IntentDecisionEventSchema = z
  .object({
    /** `<intent_id>:<status>` */
    decision_id: z.string().min(1),
    /** The intent decided */
    intent_id: z.string().min(1),
    /** Copied from the intent */
    strategy_id: z.string(),
    /** Copied from the intent */
    symbol: z.string(),
    /** Copied from the intent */
    action: z.string(),
    /** Copied from the intent */
    direction: nullable(SideSchema),
    /** Copied from the intent */
    quantity: z.number().nullable().default(0),
    /** The outcome */
    status: z.enum(DECISION_STATUSES),
    /** Failing codes, in check order */
    reason_codes: z.array(z.enum(REASON_CODES)).default([]),
    /** Free text: the veto reason or the failing checks in words */
    reason: nullable(z.string()),
    /** Every check run for this decision */
    checks: z.array(RiskCheckVerdictSchema).default([]),
    /** Who decided (SPEC §5.5); on `awaiting_second_approval` the first approver */
    decided_by: z.string().min(1),
    /**
     * The traders who approved, in order: one on a trader's `approved`, both on a four-eyes one (first,
     * second); the first on `awaiting_second_approval`; empty otherwise
     */
    approvers: z.array(z.string()).default([]),
    /** The policy in force */
    approval_mode: z.enum(['manual', 'auto']),
    /** Set on `pending_approval` and `awaiting_second_approval` only (the same instant) */
    expires_at: nullable(IsoTimestampSchema),
    ...baseFields,
  })
  .readonly();
export type IntentDecisionEvent = z.infer<typeof IntentDecisionEventSchema>;
