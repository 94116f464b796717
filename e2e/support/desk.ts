import { expect, type Page } from '@playwright/test';
import { TEST_USERS } from '../../server/src/testing/test-users.ts';
import { stack } from './stack.ts';

const base = () => `http://127.0.0.1:${stack.port}/trpc`;

/** Signs the trader in outside any browser; the session cookie. */
async function traderCookie(): Promise<string> {
  const login = await fetch(`${base()}/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'trader', password: TEST_USERS.trader.password }),
  });
  expect(login.status, 'sign-in of trader').toBe(200);
  return (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}

/**
 * Setup: vetoes every intent still pending from earlier specs (as the trader, through the API), so the Desk's
 * queue holds only what the spec publishes next.
 */
export async function clearApprovalQueue(): Promise<void> {
  const cookie = await traderCookie();
  const pending = await fetch(`${base()}/approvals.pending`, { headers: { cookie } });
  const body = (await pending.json()) as { result: { data: { intent: { intent_id: string } }[] } };
  for (const { intent } of body.result.data) {
    await fetch(`${base()}/approvals.veto`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ intent_id: intent.intent_id, reason: 'e2e: clearing the desk' }),
    });
  }
}

/** The blotter of pending approvals on the Desk. */
export const approvalQueue = (page: Page) => page.getByRole('region', { name: 'Pending approvals' });

/** One row of the blotter. */
export const queueRow = (page: Page, intentId: string) =>
  approvalQueue(page).getByRole('row', { name: `approval ${intentId}` });

/** What the Desk's last key did (its status line). */
export const deskMessage = (page: Page) => page.getByRole('status', { name: 'Desk message' });
