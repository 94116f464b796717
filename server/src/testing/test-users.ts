import type { Role } from '@gamma/shared';

/**
 * The users every test server, test stack and e2e stack signs in with, one per role and four traders
 * (four-eyes needs two). Test passwords, public on purpose: never use them outside tests.
 */
export const TEST_USERS = {
  trader: { role: 'trader', password: 'trader-pass-1' },
  alice: { role: 'trader', password: 'alice-pass-1' },
  bob: { role: 'trader', password: 'bob-pass-1' },
  carol: { role: 'trader', password: 'carol-pass-1' },
  viewer: { role: 'viewer', password: 'viewer-pass-1' },
  risk: { role: 'risk_manager', password: 'risk-pass-1' },
  admin: { role: 'admin', password: 'admin-pass-1' },
} as const satisfies Record<string, { role: Role; password: string }>;

/** A test user's name. */
export type TestUserName = keyof typeof TEST_USERS;

/** Test users as a `GAMMA_USERS` value (`name:role:password,…`). */
export const gammaUsersOf = (names: Iterable<TestUserName>): string =>
  [...names].map((name) => `${name}:${TEST_USERS[name].role}:${TEST_USERS[name].password}`).join(',');

/** Every test user as a `GAMMA_USERS` value (stacks: the e2e stack and `startStack`). */
export const TEST_GAMMA_USERS = gammaUsersOf(Object.keys(TEST_USERS) as TestUserName[]);
