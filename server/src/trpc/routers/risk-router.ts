import { z } from 'zod';
import { publicProcedure, router } from '../init.ts';
import { deltaThresholdOf } from '../../config/desk-config.ts';

/** Input of `risk.alerts` and `macro.history`. */
export const LimitInputSchema = z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional();

/** Portfolio Greeks with hedge status, and recent alerts. */
export const riskRouter = router({
  /** `[{ event: PortfolioRiskEvent, hedge_status }]`, one per underlying */
  portfolio: publicProcedure.query(({ ctx }) =>
    ctx.readModel.portfolio((u) => deltaThresholdOf(ctx.config.desk, u)),
  ),
  /** Recent RiskAlertEvents, newest first */
  alerts: publicProcedure
    .input(LimitInputSchema)
    .query(({ ctx, input }) => ctx.readModel.alerts(input?.limit ?? 100)),
});
