import { expect, test as base, type BrowserContext } from '@playwright/test';
import { TEST_USERS, type TestUserName } from '../../server/src/testing/test-users.ts';
import { stack } from './stack.ts';

/** The users of the e2e stack (seeded through `GAMMA_USERS`), one per role and four traders. */
export {
  TEST_USERS as E2E_USERS,
  TEST_GAMMA_USERS as E2E_GAMMA_USERS,
} from '../../server/src/testing/test-users.ts';
export type { TestUserName as E2EUserName };

/**
 * Signs a browser context in as a user, through `auth.login` as the console's login page does: the session
 * cookie lands in the context's cookie jar, so its pages send it on every request and WebSocket upgrade.
 * Works with or without a login page in the console.
 */
export async function signIn(context: BrowserContext, user: TestUserName): Promise<void> {
  const response = await context.request.post(`http://127.0.0.1:${stack.port}/trpc/auth.login`, {
    data: { username: user, password: TEST_USERS[user].password },
  });
  expect(response.status(), `sign-in of ${user}`).toBe(200);
}

/**
 * A call as a user from the spec itself (setup or cleanup), outside any browser: signs in, then POSTs
 * the mutation with the session cookie; the reply's JSON.
 */
export async function mutateAs(user: TestUserName, path: string, input: unknown): Promise<unknown> {
  const base = `http://127.0.0.1:${stack.port}/trpc`;
  const login = await fetch(`${base}/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: TEST_USERS[user].password }),
  });
  expect(login.status, `sign-in of ${user}`).toBe(200);
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const response = await fetch(`${base}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(input),
  });
  return response.json();
}

/**
 * Playwright's `test` whose `page` belongs to a context signed in as `user` (default `trader`; a spec
 * picks another with `test.use({ user: 'risk' })`).
 */
export const test = base.extend<{ user: TestUserName }>({
  user: ['trader', { option: true }],
  page: async ({ page, context, user }, use) => {
    await signIn(context, user);
    await use(page);
  },
});
