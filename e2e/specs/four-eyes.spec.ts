import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream, streamLength } from '../support/bus.ts';
import { type E2EUserName, signIn } from '../support/sign-in.ts';
import { stack } from '../support/stack.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

/** A console open in a browser context of its own, signed in as `user`. */
async function consoleAs(browser: Browser, user: E2EUserName): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${stack.port}` });
  await signIn(context, user);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByLabel('Signed in')).toContainText(user);
  return page;
}

/** A row of the pending approvals blotter. */
const pendingRow = (page: Page, intentId: string) =>
  page.getByRole('region', { name: 'Pending approvals' }).getByRole('row', { name: `approval ${intentId}` });

/** The detail pane of a pending intent, once its row is selected. */
const detail = (page: Page, intentId: string) => page.getByRole('region', { name: `detail ${intentId}` });

/** The status badge of an intent in the feed. */
const feedStatus = (page: Page, intentId: string) =>
  page
    .getByRole('region', { name: 'Intent feed' })
    .getByRole('listitem', { name: `intent ${intentId}` })
    .getByLabel('status');

test.describe('four-eyes approval', () => {
  test('a sell straddle needs two traders: alice approves, cannot again, bob approves, it fills', async ({
    browser,
  }) => {
    test.slow();
    const alice = await consoleAs(browser, 'alice');
    const bob = await consoleAs(browser, 'bob');
    for (const page of [alice, bob])
      await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    // The straddle's legs are priced off the simulator's surface: wait until one is on the bus
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);

    const intentId = await publishStraddleIntent(redis, {
      action: 'sell_straddle',
      direction: 'sell',
      intent_type: 'increase_short_gamma',
      reason: 'market_overpricing_volatility',
    });
    const aliceRow = pendingRow(alice, intentId);
    await expect(aliceRow).toContainText('4-eyes');
    await aliceRow.click();
    await expect(detail(alice, intentId).getByLabel('four-eyes')).toContainText('Four-eyes');
    await aliceRow.getByRole('button', { name: 'Approve' }).click();

    // Both consoles show who approved first; alice has no Approve any more, only the note and Veto
    await pendingRow(bob, intentId).click();
    for (const page of [alice, bob]) {
      await expect(pendingRow(page, intentId)).toContainText('4-eyes 1/2');
      await expect(detail(page, intentId).getByLabel('four-eyes')).toContainText(
        'Approved by alice, awaiting a second trader',
      );
    }
    await expect(aliceRow.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(detail(alice, intentId)).toContainText('a different trader must approve');
    await expect(aliceRow.getByRole('button', { name: 'Veto' })).toBeVisible();

    // The server refuses her second approval too, naming the rule
    const again = await alice.request.post('/trpc/approvals.approve', {
      headers: { origin: new URL(alice.url()).origin, 'content-type': 'application/json' },
      data: { intent_id: intentId },
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('four-eyes');

    await pendingRow(bob, intentId).getByRole('button', { name: 'Approve' }).click();
    for (const page of [alice, bob]) {
      await expect(feedStatus(page, intentId)).toHaveText('filled');
      await expect(pendingRow(page, intentId)).toBeHidden();
    }

    const decisions = (await readStream(redis, 'intent.decision')).filter((d) => d.intent_id === intentId);
    expect(decisions.map((d) => d.status)).toEqual([
      'pending_approval',
      'awaiting_second_approval',
      'approved',
    ]);
    expect(decisions.at(-1)?.approvers).toEqual(['alice', 'bob']);
    for (const page of [alice, bob]) await page.context().close();
  });
});
