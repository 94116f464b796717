import {
  PASSWORD_MAX_LENGTH,
  RoleSchema,
  UsernameSchema,
  USERNAME_MAX_LENGTH,
  type Role,
} from '@gamma/shared';
import { InvalidInputError } from '../errors/index.ts';

/** A username as stored, or an InvalidInputError saying what a username is. */
export function parseUsername(username: string): string {
  const parsed = UsernameSchema.safeParse(username);
  if (!parsed.success)
    throw new InvalidInputError(
      `bad username "${username.slice(0, USERNAME_MAX_LENGTH + 1)}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return parsed.data;
}

/** A role, or an InvalidInputError naming the roles. */
export function parseRole(role: string): Role {
  const parsed = RoleSchema.safeParse(role);
  if (!parsed.success)
    throw new InvalidInputError(`bad role "${role}": a role is one of ${RoleSchema.options.join(', ')}`);
  return parsed.data;
}

/** Checks a password's length (never printing it). */
export function checkPassword(password: string): string {
  if (password.length === 0) throw new InvalidInputError('a password may not be empty');
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new InvalidInputError(`a password is at most ${PASSWORD_MAX_LENGTH} characters`);
  return password;
}

/** A lookup key for a username typed at sign-in (null when it cannot be one). */
export const lookupName = (username: string): string | null => {
  const parsed = UsernameSchema.safeParse(username);
  return parsed.success ? parsed.data : null;
};
