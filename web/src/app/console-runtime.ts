import type { AppRouter } from '@gamma/server';
import type { AuthUser } from '@gamma/shared';
import type { QueryClient } from '@tanstack/react-query';
import type { TRPCLink } from '@trpc/client';
import { createQueryClient } from '@/lib/query-client';
import { type ConsoleClients, createConsoleClients } from '@/lib/trpc-client';
import { isUnauthorized, trpcErrorCode } from '@/lib/trpc-error';
import { SESSION_ENDED_NOTICE, SESSION_REPLACED_NOTICE, useSessionStore } from '@/stores/session-store';
import { resetLiveStores } from './live-stores';

/** Said on the login page when `auth.me` got no answer at boot. */
export const UNREACHABLE_NOTICE = 'The Gamma gateway cannot be reached; sign in once it is back';

/** The console's clients and what the session does with them. */
export interface ConsoleRuntime extends ConsoleClients {
  queryClient: QueryClient;
  /** Boot: asks `auth.me` who is signed in (once, however often called) */
  boot: () => Promise<void>;
  /** `auth.login` answered: a clean console for `user` */
  signIn: (user: AuthUser) => void;
  /** Logged out (`notice` null) or the session ended: the login page, with nothing of the session left */
  signOut: (notice: string | null) => void;
  /**
   * Asks `auth.me` whether the console still shows the right session: none → the login page; another user (a
   * sign-in in another tab replaced the browser's cookie) → the login page saying so; a new role → the header and
   * the role gates follow it
   */
  checkSession: () => Promise<void>;
}

/**
 * Creates the console's query client, tRPC client and session socket, wired so that an `UNAUTHORIZED`
 * answer to any query or mutation, or a socket the server closed on a session that `auth.me` no longer
 * knows, signs out with {@link SESSION_ENDED_NOTICE}; a FORBIDDEN answer or a closed socket checks the session
 * ({@link ConsoleRuntime.checkSession}). `link` answers every procedure instead of the
 * gateway (tests).
 */
export function createConsoleRuntime(link?: TRPCLink<AppRouter>): ConsoleRuntime {
  let booting: Promise<void> | null = null;
  let checking = false;
  const session = useSessionStore.getState;
  const clear = (): void => {
    clients.socket.close();
    queryClient.clear();
    resetLiveStores();
  };
  const signOut = (notice: string | null): void => {
    if (session().phase === 'signed_out') return;
    session().signedOut(notice);
    clear();
  };
  const ended = (): void => {
    if (session().phase === 'signed_in') signOut(SESSION_ENDED_NOTICE);
  };
  const follow = (me: AuthUser): void => {
    const shown = session().user;
    if (session().phase !== 'signed_in' || shown === null) return;
    if (me.username !== shown.username) signOut(SESSION_REPLACED_NOTICE);
    else if (me.role !== shown.role) session().signedIn(me);
  };
  const checkSession = async (): Promise<void> => {
    if (checking || session().phase !== 'signed_in') return;
    checking = true;
    await clients.trpcClient.auth.me
      .query()
      .then(follow, (error: unknown) => (isUnauthorized(error) ? ended() : undefined))
      .finally(() => (checking = false));
  };
  // FORBIDDEN: the role may have changed since sign-in, or the browser's cookie now belongs to someone else
  const queryClient = createQueryClient(ended, () => void checkSession());
  const clients = createConsoleClients({ link, onSocketClosed: () => void checkSession() });
  const boot = async (): Promise<void> => {
    const user = await clients.trpcClient.auth.me
      .query()
      .catch((error: unknown) => (trpcErrorCode(error) === undefined ? UNREACHABLE_NOTICE : null));
    if (typeof user === 'object' && user !== null) return session().signedIn(user);
    session().signedOut(user);
  };
  return {
    ...clients,
    queryClient,
    boot: () => (booting ??= boot()),
    signIn: (user) => {
      clear();
      session().signedIn(user);
    },
    signOut,
    checkSession,
  };
}
