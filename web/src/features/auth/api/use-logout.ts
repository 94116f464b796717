import { useMutation } from '@tanstack/react-query';
import { authOf } from '@/lib/auth-procedures';
import { useTRPCClient } from '@/lib/trpc';

/** `auth.logout`: the server deletes the session and clears the cookie; then the console signs out. */
export function useLogout(onLoggedOut: () => void) {
  const client = useTRPCClient();
  return useMutation({
    mutationFn: () => authOf(client).logout.mutate(),
    onSuccess: () => onLoggedOut(),
  });
}
