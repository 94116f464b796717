import { create } from 'zustand';

/** What the header shows about the WebSocket link. */
export type ConnectionStatus = 'connected' | 'reconnecting' | 'offline';

/** Consecutive closes (~4 s of failed attempts with the backoff) after which the link counts as offline; it keeps retrying. */
export const OFFLINE_AFTER_FAILURES = 5;

export interface ConnectionState {
  status: ConnectionStatus;
  /** Closes since the socket was last open */
  failures: number;
  /** When the link was lost (epoch ms), while it is not connected; null before the first open and when connected */
  lostAt: number | null;
  /** The socket opened */
  opened: () => void;
  /** The socket closed or failed to open; the client retries */
  closed: () => void;
  /** The browser reports the network gone (`offline` event) */
  networkLost: () => void;
  /** The network is back; `socketOpen` is the socket's real state at that moment */
  networkBack: (socketOpen: boolean) => void;
}

/** Status after one more close, given the closes counted so far. */
export const statusAfterClose = (failures: number): ConnectionStatus =>
  failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting';

/** State of the WebSocket link, fed by the socket's open/close callbacks (never by pings). */
export const useConnectionStore = create<ConnectionState>()((set) => ({
  // Before the first open the client is already trying to connect.
  status: 'reconnecting',
  failures: 0,
  lostAt: null,
  opened: () => set({ status: 'connected', failures: 0, lostAt: null }),
  closed: () =>
    set((s) => {
      const failures = s.failures + 1;
      return {
        failures,
        status: s.status === 'offline' ? 'offline' : statusAfterClose(failures),
        lostAt: s.lostAt ?? Date.now(),
      };
    }),
  networkLost: () => set((s) => ({ status: 'offline', lostAt: s.lostAt ?? Date.now() })),
  networkBack: (socketOpen) =>
    set(
      socketOpen
        ? { status: 'connected', failures: 0, lostAt: null }
        : { status: 'reconnecting', failures: 0 },
    ),
}));
