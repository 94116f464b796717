import { publicProcedure, router } from '../init.ts';

/** Positions and PnL from the gateway's read model (fills, marks from ticks and surfaces). */
export const positionsRouter = router({
  /** `{ as_of, rows, by_strategy, by_underlying, total, unpriced }`: per strategy and symbol, valued now */
  book: publicProcedure.query(({ ctx }) => ctx.readModel.positionsBook(ctx.clock.now())),
  /** `{ points: [{ at, equity, realized_pnl, unrealized_pnl, fees, drawdown }], peak, max_drawdown, sample_s }` */
  equity: publicProcedure.query(({ ctx }) => ctx.readModel.positionsEquity()),
});
