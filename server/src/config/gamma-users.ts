import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, RoleSchema, UsernameSchema } from '@gamma/shared';
import type { Reader } from './setting.ts';

/** One account `GAMMA_USERS` seeds or updates at start. */
export const SeedUserSchema = z.object({
  username: UsernameSchema,
  role: RoleSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SeedUser = z.infer<typeof SeedUserSchema>;

/**
 * An entry as error messages show it: the username only when the entry has the name:role:password shape
 * and the name is valid, the role only when it is one; otherwise just its position. A mistyped entry
 * (`alice:s3cret`, fields swapped, a comma inside a password) would otherwise put the password on screen.
 */
const shown = (entry: string): string => {
  const parts = entry.split(':');
  if (parts.length < 3) return '';
  const name = UsernameSchema.safeParse(parts[0]);
  if (!name.success) return '';
  const role = RoleSchema.safeParse(parts[1]?.trim());
  return role.success ? ` "${name.data}:${role.data}:…"` : ` "${name.data}:…"`;
};

/**
 * Reads `GAMMA_USERS`: comma-separated `name:role:password` entries (the password is everything after the
 * second `:`, so it may hold colons but no comma). A bad entry is named by its position, username and role;
 * the problem never contains a password.
 */
export function parseSeedUsers(text: string): { value: SeedUser[] } | { problem: string } {
  const users: SeedUser[] = [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const [index, entry] of entries.entries()) {
    const bad = (why: string) => ({ problem: `entry ${index + 1}${shown(entry)}: ${why}` });
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    if (second < 0) return bad('expected name:role:password (a password cannot hold a comma)');
    const username = UsernameSchema.safeParse(entry.slice(0, first));
    if (!username.success) return bad(username.error.issues[0]?.message ?? 'bad username');
    const role = RoleSchema.safeParse(entry.slice(first + 1, second).trim());
    if (!role.success) return bad(`the role is one of ${RoleSchema.options.join(', ')}`);
    const password = entry.slice(second + 1);
    if (password === '') return bad('the password is empty');
    if (password.length > PASSWORD_MAX_LENGTH)
      return bad(`the password is longer than ${PASSWORD_MAX_LENGTH} characters`);
    if (users.some((user) => user.username === username.data)) return bad('the username appears twice');
    users.push({ username: username.data, role: role.data, password });
  }
  return { value: users };
}

/** The `GAMMA_USERS` reader; the README shows only usernames and roles of a value, never passwords. */
export const SEED_USERS: Reader = {
  read: parseSeedUsers,
  format: (value) => (value as SeedUser[]).map((user) => `${user.username}:${user.role}:…`).join(','),
};
