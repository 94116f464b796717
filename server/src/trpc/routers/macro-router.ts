import { publicProcedure, router } from '../init.ts';
import { LimitInputSchema } from './risk-router.ts';

/** Macro state: the latest and the recent history (for the chart). */
export const macroRouter = router({
  /** The latest market-wide MacroStateEvent, or null */
  latest: publicProcedure.query(({ ctx }) => ctx.readModel.macroLatest()),
  /** Recent MacroStateEvents, oldest first */
  history: publicProcedure
    .input(LimitInputSchema)
    .query(({ ctx, input }) => ctx.readModel.macroHistory(input?.limit ?? 500)),
});
