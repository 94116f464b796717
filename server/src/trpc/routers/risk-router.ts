import {
  AcknowledgeAlertInputSchema,
  GREEKS_HISTORY_MAX_POINTS,
  GreeksHistoryInputSchema,
  SetTradingStateInputSchema,
} from '@gamma/shared';
import { z } from 'zod';
import { publicProcedure, riskManagerProcedure, router, traderProcedure } from '../init.ts';
import { greeksHistory } from '../../read-model/risk/risk-board.ts';
import { acknowledgeAlert, alertBoard } from './risk-board-procedures.ts';
import { deltaThresholdOf } from '../../config/desk-config.ts';
import { setTradingState, tradingStatesView } from './trading-state-procedures.ts';

/** Input of `risk.alerts` and `macro.history`. */
export const LimitInputSchema = z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional();

/** Portfolio Greeks with hedge status, recent alerts, and the trading states. */
export const riskRouter = router({
  /** `[{ event: PortfolioRiskEvent, hedge_status }]`, one per underlying */
  portfolio: publicProcedure.query(({ ctx }) =>
    ctx.readModel.portfolio((u) => deltaThresholdOf(ctx.config.desk, u)),
  ),
  /** Recent RiskAlertEvents, newest first */
  alerts: publicProcedure
    .input(LimitInputSchema)
    .query(({ ctx, input }) => ctx.readModel.alerts(input?.limit ?? 100)),
  /** `{ global, scopes }`: the global state and every strategy / underlying scope set (see README) */
  tradingState: publicProcedure.query(async ({ ctx }) =>
    tradingStatesView(await ctx.stores.tradingStates.list()),
  ),
  /** Sets a scope's state; `{ changed, scope, key, state }` (`changed` false when it was in that state) */
  setTradingState: riskManagerProcedure
    .input(SetTradingStateInputSchema)
    .mutation(({ ctx, input }) => setTradingState(ctx, input)),
  /** `{ spacing_s, series: [{ underlying, points: [{ at, delta, gamma, vega, theta }] }] }`, oldest first */
  greeksHistory: publicProcedure.input(GreeksHistoryInputSchema).query(({ ctx, input }) =>
    greeksHistory(ctx.readModel.risk.greeks, {
      underlying: input?.underlying,
      limit: input?.limit ?? GREEKS_HISTORY_MAX_POINTS,
    }),
  ),
  /** The alerts grouped by strategy, type and underlying: raised, repeats, last seen, cleared, acknowledged */
  alertBoard: publicProcedure.query(({ ctx }) => alertBoard(ctx)),
  /** Acknowledges an alert's current raise once; CONFLICT naming who when acknowledged or raised again */
  acknowledgeAlert: traderProcedure
    .input(AcknowledgeAlertInputSchema)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx, input)),
});
