import type { AppRouter } from '@gamma/server';
import type { AuthUser, LoginInput } from '@gamma/shared';
import type { TRPCClient } from '@trpc/client';

/** The `auth.*` procedures of the API contract (issue 10): login and me answer who is signed in. */
export interface AuthProcedures {
  me: { query: () => Promise<AuthUser> };
  login: { mutate: (input: LoginInput) => Promise<AuthUser> };
  logout: { mutate: () => Promise<{ ok: true }> };
}

/** The `auth` procedures of `client`. */
export const authOf = (client: TRPCClient<AppRouter>): AuthProcedures =>
  (client as unknown as { auth: AuthProcedures }).auth;
