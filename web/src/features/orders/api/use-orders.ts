import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type RouterInputs, type RouterOutputs, useTRPC } from '@/lib/trpc';

/** What `orders.list` answers: the orders shown, how many matched, and the values each filter offers. */
export type OrderList = RouterOutputs['orders']['list'];
/** One order with its state and fills. */
export type OrderRow = OrderList['orders'][number];
/** The filter `orders.list` takes. */
export type OrdersFilter = Exclude<RouterInputs['orders']['list'], void | undefined>;
/** An order's status. */
export type OrderStatus = OrderRow['status'];

/** Most orders the page asks for. */
export const ORDERS_LIMIT = 1000;

/**
 * The orders matching the filter, newest first; refetched on every live order, fill and decision (see
 * useOrdersSubscription), polled as a fallback. The previous answer stays on screen while a new filter loads.
 */
export function useOrders(filter: Omit<OrdersFilter, 'limit'>) {
  const trpc = useTRPC();
  return useQuery(
    trpc.orders.list.queryOptions(
      { ...filter, limit: ORDERS_LIMIT },
      { refetchInterval: 10_000, placeholderData: keepPreviousData },
    ),
  );
}
