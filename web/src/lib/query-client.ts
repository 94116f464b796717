import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { useNotificationsStore } from '@/stores/notifications-store';

const notify = (error: Error): void =>
  useNotificationsStore.getState().push({ kind: 'error', text: error.message });

/** Creates the console's QueryClient: every failed query or mutation becomes a toast. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: notify }),
    mutationCache: new MutationCache({ onError: notify }),
    defaultOptions: { queries: { staleTime: 1000, retry: 1, refetchOnWindowFocus: false } },
  });
}
