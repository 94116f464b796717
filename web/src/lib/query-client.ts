import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { useNotificationsStore } from '@/stores/notifications-store';
import { isUnauthorized, trpcErrorCode } from './trpc-error';

/** `meta` of a query or mutation whose errors its own component shows (no toast), e.g. the login form. */
export const QUIET: Readonly<Record<string, unknown>> = { quiet: true };
/**
 * {@link QUIET} for a signed-in user's own form (e.g. the password change): errors are shown by the form, but an
 * `UNAUTHORIZED` answer still means the session ended (for the login form it means wrong credentials).
 */
export const QUIET_SIGNED_IN: Readonly<Record<string, unknown>> = { quiet: true, signedIn: true };

/**
 * Creates the console's QueryClient: every failed query or mutation becomes a toast, except an
 * `UNAUTHORIZED` answer, which means the session ended: `onUnauthorized` takes the console to the login page.
 * A `FORBIDDEN` answer is shown and also calls `onForbidden` (the console checks who it is signed in as).
 */
export function createQueryClient(
  onUnauthorized: () => void = () => undefined,
  onForbidden: () => void = () => undefined,
): QueryClient {
  const onError = (error: Error, meta: Readonly<Record<string, unknown>> | undefined): void => {
    if (isUnauthorized(error)) {
      if (meta?.quiet !== true || meta.signedIn === true) onUnauthorized();
      return;
    }
    if (trpcErrorCode(error) === 'FORBIDDEN') onForbidden();
    if (meta?.quiet === true) return;
    useNotificationsStore.getState().push({ kind: 'error', text: error.message });
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.meta) }),
    mutationCache: new MutationCache({
      onError: (...[error, , , mutation]) => onError(error, mutation.meta),
    }),
    defaultOptions: {
      queries: { staleTime: 1000, retry: retryUnlessUnauthorized, refetchOnWindowFocus: false },
    },
  });
}

/** One retry, as before, but none for `UNAUTHORIZED` (the session is gone; retrying cannot help). */
const retryUnlessUnauthorized = (failureCount: number, error: Error): boolean =>
  failureCount < 1 && !isUnauthorized(error);
