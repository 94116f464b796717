import { useConnectionStore } from '@/stores/connection-store';

/** The WebSocket link state: connected, reconnecting or offline. */
export function ConnectionIndicator() {
  const status = useConnectionStore((s) => s.status);
  return (
    <div role="status" aria-label="Connection" className={`connection connection-${status}`}>
      {status}
    </div>
  );
}
