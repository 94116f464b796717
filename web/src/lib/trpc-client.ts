import type { AppRouter } from '@gamma/server';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import { env } from '@/config/env';
import { useConnectionStore } from '@/stores/connection-store';
import { retryDelayMs, wsUrlFrom } from './ws-url';

/** The socket behind every subscription; its open/close callbacks drive the connection indicator. */
export const wsClient = createWSClient({
  url: () => env.VITE_TRPC_WS_URL ?? wsUrlFrom(window.location),
  retryDelayMs,
  onOpen: () => useConnectionStore.getState().opened(),
  onClose: () => useConnectionStore.getState().closed(),
});

window.addEventListener('offline', () => useConnectionStore.getState().networkLost());
window.addEventListener('online', () =>
  useConnectionStore.getState().networkBack(wsClient.connection?.state === 'open'),
);

/** Subscriptions over the WebSocket, queries and mutations over batched HTTP (plain JSON). */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: wsLink({ client: wsClient }),
      false: httpBatchLink({ url: env.VITE_TRPC_URL ?? '/trpc' }),
    }),
  ],
});
