import { expect, type Locator } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream, streamLength } from '../support/bus.ts';
import { approvalQueue, clearApprovalQueue, deskMessage, queueRow } from '../support/desk.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.use({ user: 'trader' });

/** The decision statuses of an intent, in order. */
const statusesOf = async (intentId: string) =>
  (await readStream(redis, 'intent.decision')).filter((d) => d.intent_id === intentId).map((d) => d.status);

/** The focused element draws a visible outline (the Desk's :focus-visible style). */
const outlineOf = (locator: Locator) => locator.evaluate((e) => getComputedStyle(e).outlineStyle);

test.describe('the Desk by keyboard', () => {
  test('j/k select, a approves, v vetoes with a reason, e explains, ? shows the keys, / filters', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);
    await clearApprovalQueue();
    // Oldest expiry first: the queue lists them in this order. Each is on the Desk before the next is sent, so
    // their expiries differ (two decided in the same millisecond would tie, and a tie has no order)
    const pending = async (strategy_id?: string) => {
      const id = await publishStraddleIntent(redis, strategy_id === undefined ? {} : { strategy_id });
      await expect(queueRow(page, id)).toBeVisible();
      return id;
    };
    const first = await pending();
    const second = await pending('e2e_trader_btc_2');
    const third = await pending('e2e_trader_btc_3');
    const selected = approvalQueue(page).locator('tr[aria-current="true"]');

    // j and k move the selection (focus follows, visibly); the detail follows the selection
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('aria-label', `approval ${first}`);
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('aria-label', `approval ${second}`);
    await page.keyboard.press('k');
    await expect(selected).toHaveAttribute('aria-label', `approval ${first}`);
    const focused = queueRow(page, first).getByRole('button', { name: 'e2e_trader_btc' });
    await expect(focused).toBeFocused();
    expect(await outlineOf(focused)).toBe('solid');
    await expect(page.getByRole('region', { name: `detail ${first}` })).toBeVisible();

    // a approves the selected intent
    await page.keyboard.press('a');
    await expect(deskMessage(page)).toHaveText('Approve sent for e2e_trader_btc buy_straddle');
    await expect(queueRow(page, first)).toBeHidden();
    await expect.poll(() => statusesOf(first)).toContain('approved');

    // v opens the reason field focused; Escape cancels; v again, a reason and Enter veto
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('aria-label', `approval ${second}`);
    await page.keyboard.press('v');
    const reason = approvalQueue(page).getByLabel('Veto reason');
    await expect(reason).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(reason).toHaveCount(0);
    await page.keyboard.press('v');
    await expect(reason).toBeFocused();
    await page.keyboard.type('e2e: vetoed from the keyboard');
    await page.keyboard.press('Enter');
    await expect(queueRow(page, second)).toBeHidden();
    await expect.poll(() => statusesOf(second)).toEqual(['pending_approval', 'vetoed']);
    const veto = (await readStream(redis, 'intent.decision')).find(
      (d) => d.intent_id === second && d.status === 'vetoed',
    );
    expect(veto).toMatchObject({ reason: 'e2e: vetoed from the keyboard', decided_by: 'trader' });

    // e takes the focus to the explain timeline of the selected intent
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('aria-label', `approval ${third}`);
    await page.keyboard.press('e');
    const explain = page.getByRole('region', { name: `explain ${third}` });
    await expect(explain).toBeFocused();
    await expect(explain).toContainText('strategy.intent');

    // ? shows the keys; Escape closes the dialog and gives the focus back to the explain timeline, which had it
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keys on the Desk' });
    await expect(help.getByRole('row')).toHaveCount(8);
    await expect(help).toContainText('Approve the selected intent');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await expect(explain).toBeFocused();

    // / focuses the filter; keys typed there are text, not commands; Escape clears it and gives the keys back
    await page.keyboard.press('/');
    const filter = page.getByRole('searchbox', { name: 'Filter' });
    await expect(filter).toBeFocused();
    await page.keyboard.type('no such strategy j a');
    await expect(filter).toHaveValue('no such strategy j a');
    await expect(queueRow(page, third)).toBeHidden();
    await expect(approvalQueue(page)).toContainText('hidden by the filter');
    await expect(page.getByRole('region', { name: 'Intent feed' })).toContainText(
      'no intent matches the filter',
    );
    expect(await statusesOf(third)).toEqual(['pending_approval']);
    await page.keyboard.press('Escape');
    await expect(filter).toHaveValue('');
    await expect(filter).not.toBeFocused();
    await expect(queueRow(page, third)).toBeVisible();
  });
});
