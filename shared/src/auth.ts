import { z } from 'zod';

/**
 * Roles, least first: each role may do everything the ones before it may. `viewer` reads and subscribes,
 * `trader` also approves and vetoes, `risk_manager` also sets trading states and limits, `admin` also
 * manages users and requeues dead letters.
 */
export const ROLES = ['viewer', 'trader', 'risk_manager', 'admin'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Whether `role` may do what `least` may. */
export const roleAtLeast = (role: Role, least: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(least);

/** Longest username and password accepted anywhere (login, CLI, `GAMMA_USERS`). */
export const USERNAME_MAX_LENGTH = 64;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * A username as stored: lower case, starting with a letter, then letters, digits, `.`, `_` or `-`. Logins
 * compare lower-cased, so `Alice` signs in as `alice`.
 */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(USERNAME_MAX_LENGTH)
  .regex(
    new RegExp(`^[a-z][a-z0-9._-]{0,${USERNAME_MAX_LENGTH - 1}}$`),
    `a username is a letter, then up to ${USERNAME_MAX_LENGTH - 1} letters, digits, ".", "_" or "-"`,
  );

/** Input of `auth.login`. */
export const LoginInputSchema = z.object({
  username: z.string().min(1).max(USERNAME_MAX_LENGTH),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** Who is signed in: what `auth.me` and `auth.login` return. */
export const AuthUserSchema = z.object({ username: z.string(), role: RoleSchema });
export type AuthUser = z.infer<typeof AuthUserSchema>;

/** Shortest password `users.add` accepts. */
export const PASSWORD_MIN_LENGTH = 8;

/**
 * Input of `auth.changePassword`: the signed-in user's current password, and the new one (as long as
 * `users.add` and the CLI want).
 */
export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

/** Input of `users.add` (admin): a new account. */
export const AddUserInputSchema = z.object({
  username: UsernameSchema,
  role: RoleSchema,
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
export type AddUserInput = z.infer<typeof AddUserInputSchema>;

/** Input of `users.setRole` (admin). */
export const SetUserRoleInputSchema = z.object({ username: UsernameSchema, role: RoleSchema });
export type SetUserRoleInput = z.infer<typeof SetUserRoleInputSchema>;

/** Input of `users.disable` (admin): the account can no longer sign in, and its sessions end. */
export const DisableUserInputSchema = z.object({ username: UsernameSchema });
export type DisableUserInput = z.infer<typeof DisableUserInputSchema>;
