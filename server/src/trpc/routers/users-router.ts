import { AddUserInputSchema, DisableUserInputSchema, SetUserRoleInputSchema } from '@gamma/shared';
import { ConflictError } from '../../errors/index.ts';
import { router, signedInProcedure } from '../init.ts';

/**
 * Accounts, for admins (the role table). A changed role counts from the user's next request; disabling
 * a user ends their sessions and stops their tokens at once.
 */
export const usersRouter = router({
  /** Every account by username (never a password or token hash) */
  list: signedInProcedure.query(({ ctx }) => ctx.accounts.list()),
  /** A new account; CONFLICT when the username exists */
  add: signedInProcedure.input(AddUserInputSchema).mutation(async ({ ctx, input }) => {
    const account = await ctx.accounts.add(input);
    ctx.log.info('user added', { username: account.username, role: account.role, by: ctx.user });
    return account;
  }),
  /** Changes a role; NOT_FOUND when there is no such account */
  setRole: signedInProcedure.input(SetUserRoleInputSchema).mutation(async ({ ctx, input }) => {
    if (input.username === ctx.user && input.role !== ctx.auth.role)
      throw new ConflictError('you cannot change your own role: ask another admin');
    const account = await ctx.accounts.setRole(input.username, input.role);
    ctx.log.info('user role set', { username: account.username, role: account.role, by: ctx.user });
    return account;
  }),
  /** Disables an account and ends its sessions; NOT_FOUND when there is no such account */
  disable: signedInProcedure.input(DisableUserInputSchema).mutation(async ({ ctx, input }) => {
    if (input.username === ctx.user)
      throw new ConflictError('you cannot disable your own account: ask another admin');
    const account = await ctx.accounts.disable(input.username);
    await ctx.authenticator.endUserSessions(account.username);
    ctx.log.info('user disabled', { username: account.username, by: ctx.user });
    return account;
  }),
});
