import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '@/lib/trpc';
import { showDesktopNotification } from '../core/desktop';
import { useNotifyStore } from '../stores/notify-store';

/**
 * While the user has browser notifications on, a notification per risk alert raised from now on (warning and
 * critical; info alerts are the all-clear). Subscribes only while on, from new entries only.
 */
export function useAlertNotifications(): void {
  const trpc = useTRPC();
  const on = useNotifyStore((s) => s.desktop);
  useSubscription(
    trpc.onAlert.subscriptionOptions(
      {},
      {
        enabled: on,
        onData: ({ data }) => {
          if (data.severity === 'info') return;
          showDesktopNotification(
            `Risk alert (${data.severity}): ${data.alert_type}`,
            `${data.strategy_id}: ${data.message}`,
            `alert-${data.strategy_id}-${data.alert_type}`,
          );
        },
      },
    ),
  );
}
