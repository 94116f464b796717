import { duration } from '@/lib/format';
import { useNow } from '@/lib/use-now';
import { useConnectionStore, type ConnectionStatus } from '@/stores/connection-store';

const WORDS: Readonly<Record<ConnectionStatus, string>> = {
  connected: 'connected',
  reconnecting: 'reconnecting…',
  offline: 'offline',
};

/**
 * The WebSocket link state: connected, reconnecting or offline; while down, for how long, so a trader knows
 * how stale the live cards are (every subscription resumes where it stopped once the link is back).
 */
export function ConnectionIndicator() {
  const status = useConnectionStore((s) => s.status);
  const lostAt = useConnectionStore((s) => s.lostAt);
  const now = useNow();
  const down = status !== 'connected' && lostAt !== null;
  return (
    <div
      role="status"
      aria-label="Connection"
      className={`connection connection-${status}`}
      title={
        down ? `live updates paused since ${new Date(lostAt).toISOString().slice(11, 19)} UTC` : undefined
      }
    >
      {WORDS[status]}
      {down && <span className="connection-since"> {duration(Math.max(0, now - lostAt))}</span>}
    </div>
  );
}
