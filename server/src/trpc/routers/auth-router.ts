import { ChangePasswordInputSchema, LoginInputSchema, type AuthUser } from '@gamma/shared';
import { clearedSessionCookie, sessionSetCookie } from '../../auth/credentials.ts';
import { InvalidInputError, TooManyRequestsError } from '../../errors/index.ts';
import { publicProcedure, router, signedInProcedure } from '../init.ts';

/**
 * Sign-in and sign-out (issue 10). `login` sets the `gamma_session` cookie (httpOnly, SameSite=Strict,
 * Path=/, Secure with COOKIE_SECURE=true) on the HTTP response, so it works over HTTP only, and alone in its
 * request (never inside a batch).
 */
export const authRouter = router({
  /** Signs in with a username (any case) and password: a new session and its cookie; the signed-in user */
  login: publicProcedure.input(LoginInputSchema).mutation(async ({ ctx, input }): Promise<AuthUser> => {
    const { res } = ctx;
    if (res === null) throw new InvalidInputError('auth.login sets a cookie: call it over HTTP');
    // The calls of a batch run at once: one request must not carry several guesses
    if (ctx.batchSize > 1)
      throw new InvalidInputError(
        `auth.login must be the only call of its request (this batch has ${ctx.batchSize} calls)`,
      );
    try {
      const signedIn = await ctx.authenticator.login(input, {
        remoteAddress: ctx.remoteAddress,
        headers: ctx.headers,
      });
      res.appendHeader(
        'set-cookie',
        sessionSetCookie(signedIn.sessionId, {
          secure: ctx.config.process.cookieSecure,
          maxAgeS: signedIn.maxAgeS,
        }),
      );
      return signedIn.user;
    } catch (error) {
      if (error instanceof TooManyRequestsError && error.retryAfterS !== null)
        res.setHeader('retry-after', String(error.retryAfterS));
      throw error;
    }
  }),
  /** Ends this session (a bearer token stays valid) and clears the cookie */
  logout: signedInProcedure.mutation(async ({ ctx }) => {
    await ctx.authenticator.logout(ctx.auth);
    ctx.res?.appendHeader('set-cookie', clearedSessionCookie({ secure: ctx.config.process.cookieSecure }));
    return { ok: true as const };
  }),
  /**
   * Changes the signed-in user's password (BAD_REQUEST when `currentPassword` is wrong, which counts as a
   * failed sign-in); the user's other sessions end, this one and API tokens stay
   */
  changePassword: signedInProcedure.input(ChangePasswordInputSchema).mutation(async ({ ctx, input }) => ({
    ok: true as const,
    ...(await ctx.authenticator.changePassword(ctx.auth, input, { remoteAddress: ctx.remoteAddress })),
  })),
  /** Who is signed in */
  me: signedInProcedure.query(({ ctx }): AuthUser => ({ username: ctx.auth.username, role: ctx.auth.role })),
});
