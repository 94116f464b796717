import type { AuthUser } from '@gamma/shared';
import { useMutation } from '@tanstack/react-query';
import { QUIET } from '@/lib/query-client';
import { useTRPC } from '@/lib/trpc';

/** `auth.login`: the server sets the session cookie and answers who signed in (errors shown by the form). */
export function useLogin(onSignedIn: (user: AuthUser) => void) {
  const trpc = useTRPC();
  return useMutation(trpc.auth.login.mutationOptions({ onSuccess: (user) => onSignedIn(user), meta: QUIET }));
}
