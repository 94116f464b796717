import { z } from 'zod';
import { baseFields } from './common.ts';

/**
 * Alert types of SPEC §3.5 / §6.4: what is measured, not why something was refused (the reason codes),
 * so a table of their own. `drawdown`, `position_limit`, `leverage` and `delta` are raised today.
 */
export const ALERT_TYPES = [
  'position_limit',
  'loss_limit',
  'volatility',
  'liquidity',
  'drawdown',
  'leverage',
  'delta',
] as const;
/** An alert type. */
export type AlertType = (typeof ALERT_TYPES)[number];

/** A risk alert, raised or cleared. Published on `risk.alert`. */
export const RiskAlertEventSchema = z
  .object({
    /** `global` for book-wide alerts */
    strategy_id: z.string().min(1),
    /** What is measured, from {@link ALERT_TYPES} */
    alert_type: z.enum(ALERT_TYPES),
    /** Severity */
    severity: z.enum(['info', 'warning', 'critical']),
    /** Human text */
    message: z.string(),
    /** Measured value */
    current_value: z.number(),
    /** The limit it was compared with */
    threshold_value: z.number(),
    ...baseFields,
  })
  .readonly();
export type RiskAlertEvent = z.infer<typeof RiskAlertEventSchema>;
