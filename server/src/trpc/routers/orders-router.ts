import { IsoTimestampSchema, NAME_MAX_LENGTH, TIMESTAMP_MAX_LENGTH } from '@gamma/shared';
import { z } from 'zod';
import { ORDER_STATUSES } from '../../read-model/orders/core/order-rows.ts';
import { normalizeUnderlying } from '../../read-model/core/pq-spread.ts';
import { publicProcedure, router } from '../init.ts';

/** Most orders one `orders.list` call returns. */
export const ORDERS_MAX_LIMIT = 2000;

/** An ISO-8601 timestamp of bounded length. */
const BoundedTimestampSchema = z.string().max(TIMESTAMP_MAX_LENGTH).pipe(IsoTimestampSchema);

/**
 * Input of `orders.list`: every field narrows and they combine; `underlying` as `BTC/USDT` (or `btc-usdt`);
 * `from` inclusive, `to` exclusive, on the order's timestamp.
 */
export const OrdersListInputSchema = z
  .object({
    strategy: z.string().min(1).max(NAME_MAX_LENGTH).optional(),
    underlying: z.string().min(1).max(NAME_MAX_LENGTH).optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    from: BoundedTimestampSchema.optional(),
    to: BoundedTimestampSchema.optional(),
    limit: z.number().int().min(1).max(ORDERS_MAX_LIMIT).default(500),
  })
  .default({ limit: 500 });

/** Order commands with their state and fills (the Orders page). */
export const ordersRouter = router({
  /**
   * `{ orders, total, strategies, underlyings }`: the orders matching the filter, newest first, each with its
   * status (`sent`, `filled`, `rejected` with the exchange's reason code), fills and slippage against the mark
   * it was decided at; `total` counts every match before the limit; `strategies` and `underlyings` are those
   * with any order, for the filters
   */
  list: publicProcedure.input(OrdersListInputSchema).query(({ ctx, input }) => {
    const { underlying } = input;
    return ctx.readModel.orders({
      ...input,
      underlying: underlying === undefined ? undefined : (normalizeUnderlying(underlying) ?? underlying),
    });
  }),
});
