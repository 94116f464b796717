import type { AppRouter } from '@gamma/server';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
  wsLink,
} from '@trpc/client';
import { env } from '@/config/env';
import { useConnectionStore } from '@/stores/connection-store';
import { retryDelayMs, wsUrlFrom } from './ws-url';

type WsClient = ReturnType<typeof createWSClient>;

/** The WebSocket of the signed-in session: opened by the first subscription, closed at logout. */
export interface SessionSocket {
  /** Sends each subscription on the current session's socket (opening it if there is none) */
  link: TRPCLink<AppRouter>;
  /** Closes the socket (logout, session ended); the next subscription opens a new one with the new cookie */
  close: () => void;
  /** Whether a socket is open now */
  isOpen: () => boolean;
}

/**
 * The socket behind every subscription. It is not opened before a subscription asks for it (so never before
 * sign-in: the browser sends the session cookie on the upgrade), and its open/close callbacks drive the
 * connection indicator; `onClosed` hears every close of the current socket (the server closes the sockets
 * of an ended session and then refuses the upgrade).
 */
export function createSessionSocket(onClosed: () => void): SessionSocket {
  let client: WsClient | null = null;
  const open = (): WsClient => {
    const created: WsClient = createWSClient({
      url: () => env.VITE_TRPC_WS_URL ?? wsUrlFrom(window.location),
      retryDelayMs,
      onOpen: () => {
        if (client === created) useConnectionStore.getState().opened();
      },
      onClose: () => {
        if (client !== created) return;
        useConnectionStore.getState().closed();
        onClosed();
      },
    });
    client = created;
    return created;
  };
  return {
    link: (runtime) => (ctx) => wsLink<AppRouter>({ client: client ?? open() })(runtime)(ctx),
    close: () => {
      const closing = client;
      client = null;
      void closing?.close();
    },
    isOpen: () => client?.connection?.state === 'open',
  };
}

/** The console's tRPC client and the session socket under its subscriptions. */
export interface ConsoleClients {
  trpcClient: TRPCClient<AppRouter>;
  socket: SessionSocket;
}

/**
 * Subscriptions over the session socket, queries and mutations over batched HTTP (plain JSON). `link`
 * replaces both (tests answer procedures in memory).
 */
export function createConsoleClients(opts: {
  onSocketClosed: () => void;
  link?: TRPCLink<AppRouter>;
}): ConsoleClients {
  const socket = createSessionSocket(opts.onSocketClosed);
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      opts.link ??
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: socket.link,
          false: httpBatchLink({ url: env.VITE_TRPC_URL ?? '/trpc' }),
        }),
    ],
  });
  return { trpcClient, socket };
}

/** Wires the browser's online/offline events to the connection indicator. */
export function watchNetwork(socket: SessionSocket): void {
  window.addEventListener('offline', () => useConnectionStore.getState().networkLost());
  window.addEventListener('online', () => useConnectionStore.getState().networkBack(socket.isOpen()));
}
