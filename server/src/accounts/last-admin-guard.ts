import type { Account } from './account-store.ts';
import { ConflictError, NotFoundError } from '../errors/index.ts';

/**
 * The guard that keeps an enabled admin (SqlAccountStore's `setRole` and `disable`): a CTE that locks every
 * enabled admin's row, and the condition on the row `$1` being changed.
 */

/**
 * `enabled_admins`: every enabled admin of `accounts`, locked (`FOR UPDATE`) until the statement's
 * transaction ends. A concurrent statement waits for those locks and then sees the rows as committed (an
 * admin demoted or disabled meanwhile drops out), so the count {@link KEEPS_AN_ADMIN} reads is never stale.
 */
export const lastAdminGuard = (accounts: string): string => `enabled_admins AS (
  SELECT username FROM ${accounts} WHERE role = 'admin' AND NOT disabled FOR UPDATE
)`;

/**
 * Whether changing the row `$1` leaves an enabled admin: it is not one itself (a viewer, a disabled admin),
 * or another one exists (counted over the locked rows of `enabled_admins`).
 */
export const KEEPS_AN_ADMIN = `(role <> 'admin' OR disabled
  OR (SELECT count(*) FROM enabled_admins WHERE username <> $1) > 0)`;

/** Why a guarded update of `name` changed nothing: there is no such account, or it is the last enabled admin. */
export async function refuseUnchanged(
  accounts: { get(username: string): Promise<Account | null> },
  name: string,
  doing: 'demoting' | 'disabling',
): Promise<never> {
  if ((await accounts.get(name)) === null) throw new NotFoundError(`no account named "${name}"`);
  throw new ConflictError(`${doing} ${name} would leave no enabled admin: make another admin first`);
}
