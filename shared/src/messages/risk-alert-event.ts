import { z } from 'zod';
import { baseFields } from './common.ts';

/** A risk alert, raised or cleared. Published on `risk.alert`. */
export const RiskAlertEventSchema = z
  .object({
    /** `global` for book-wide alerts */
    strategy_id: z.string().min(1),
    /** `position_limit`, `loss_limit`, `volatility`, `liquidity`, `drawdown`, `leverage`, `delta` */
    alert_type: z.string().min(1),
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
