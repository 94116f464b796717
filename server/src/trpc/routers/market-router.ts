import { ForecastsInputSchema, PqSpreadInputSchema, VolHistoryInputSchema } from '@gamma/shared';
import type { PqSpreadView } from '../../read-model/core/pq-spread.ts';
import { normalizeUnderlying } from '../../read-model/core/pq-spread.ts';
import { iso } from '../../lib/clock.ts';
import type { Context } from '../context.ts';
import { publicProcedure, router } from '../init.ts';

/**
 * The pq-spread view of an underlying (`BTC/USDT`, `BTC-USDT`, any case); null when the underlying is
 * neither configured (`UNDERLYINGS`) nor seen on any stream. Shared by the tRPC query and the REST alias.
 */
export function pqSpreadOf(
  ctx: Pick<Context, 'config' | 'clock' | 'readModel'>,
  raw: string,
): PqSpreadView | null {
  const underlying = normalizeUnderlying(raw);
  if (underlying === null) return null;
  if (!ctx.config.desk.underlyings.includes(underlying) && !ctx.readModel.knows(underlying)) return null;
  return ctx.readModel.pqSpread(underlying, ctx.config.desk.forecastHorizon, iso(ctx.clock.now()));
}

/** Market views: P against Q, the latest surface, the latest forecasts and their history. */
export const marketRouter = router({
  /** SPEC §10.2 */
  pqSpread: publicProcedure
    .input(PqSpreadInputSchema)
    .query(({ ctx, input }) => pqSpreadOf(ctx, input.underlying)),
  /** The latest VolatilitySurfaceEvent of the underlying, or null */
  volSurface: publicProcedure.input(PqSpreadInputSchema).query(({ ctx, input }) => {
    const underlying = normalizeUnderlying(input.underlying);
    return underlying === null ? null : ctx.readModel.volSurface(underlying);
  }),
  /**
   * The latest VolatilityForecastEvent of each horizon of the underlying (`1h`, `24h`, `7d`), each with the
   * candidate models scored for it, and the horizon the PQVolTrader trades on (`PQ_FORECAST_HORIZON`)
   */
  forecasts: publicProcedure.input(ForecastsInputSchema).query(({ ctx, input }) => {
    const underlying = normalizeUnderlying(input.underlying);
    return {
      trader_horizon: ctx.config.desk.forecastHorizon,
      forecasts: underlying === null ? [] : ctx.readModel.forecasts(underlying),
    };
  }),
  /** ATM IV (P) against the forecasts (Q) over time, oldest first: the newest `limit` points */
  volHistory: publicProcedure.input(VolHistoryInputSchema).query(({ ctx, input }) => {
    const underlying = normalizeUnderlying(input.underlying);
    return underlying === null ? [] : ctx.readModel.volHistory(underlying, input.limit);
  }),
});
