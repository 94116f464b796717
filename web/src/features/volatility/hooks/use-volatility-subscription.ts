import { useSubscription } from '@trpc/tanstack-react-query';
import { LIVE_FROM_LATEST } from '@/lib/live-input';
import { useTRPC } from '@/lib/trpc';
import { useVolatilityStore } from '../stores/volatility-store';

/**
 * Feeds the volatility store from `onSurface` and `onForecast`. Mounted by the Volatility page only (not in
 * app/): surfaces are the largest messages on the bus, and no other page reads them.
 */
export function useVolatilitySubscription(): void {
  const trpc = useTRPC();
  const receiveSurface = useVolatilityStore((s) => s.receiveSurface);
  const receiveForecast = useVolatilityStore((s) => s.receiveForecast);
  useSubscription(
    trpc.onSurface.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => receiveSurface(data, id),
    }),
  );
  useSubscription(
    trpc.onForecast.subscriptionOptions(LIVE_FROM_LATEST, {
      onData: ({ id, data }) => receiveForecast(data, id),
    }),
  );
}
