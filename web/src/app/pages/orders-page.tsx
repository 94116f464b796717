import { OrdersView } from '@/features/orders/components/orders-view';
import { useOrdersSubscription } from '@/features/orders/hooks/use-orders-subscription';

/**
 * The Orders and fills page (issue 11 item 3): every order command with its state, every fill with price, fee
 * and slippage against the mark it was decided at, filtered by strategy, underlying, status and time, sortable,
 * exported as CSV. Live while open: each new order, fill or execution rejection refetches the list.
 */
export function OrdersPage() {
  useOrdersSubscription();
  return (
    <main className="page orders-page" aria-label="Orders and fills">
      <h2>Orders and fills</h2>
      <OrdersView />
    </main>
  );
}
