import { useMutation } from '@tanstack/react-query';
import { QUIET_SIGNED_IN } from '@/lib/query-client';
import { useTRPC } from '@/lib/trpc';

/**
 * `auth.changePassword`: the signed-in user's own password; the user's other sessions end, this one stays.
 * Errors are shown by the form (an `UNAUTHORIZED` answer still ends the console's session).
 */
export function useChangePassword() {
  const trpc = useTRPC();
  return useMutation(trpc.auth.changePassword.mutationOptions({ meta: QUIET_SIGNED_IN }));
}
