import type { AuthUser, LoginInput } from '@gamma/shared';
import { useMutation } from '@tanstack/react-query';
import { authOf } from '@/lib/auth-procedures';
import { QUIET } from '@/lib/query-client';
import { useTRPCClient } from '@/lib/trpc';

/** `auth.login`: the server sets the session cookie and answers who signed in (errors shown by the form). */
export function useLogin(onSignedIn: (user: AuthUser) => void) {
  const client = useTRPCClient();
  return useMutation({
    mutationFn: (input: LoginInput) => authOf(client).login.mutate(input),
    onSuccess: (user) => onSignedIn(user),
    meta: QUIET,
  });
}
