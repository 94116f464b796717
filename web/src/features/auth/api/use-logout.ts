import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** `auth.logout`: the server deletes the session and clears the cookie; then the console signs out. */
export function useLogout(onLoggedOut: () => void) {
  const trpc = useTRPC();
  return useMutation(trpc.auth.logout.mutationOptions({ onSuccess: () => onLoggedOut() }));
}
