import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.describe('vetoing an intent', () => {
  test('records the reason and sends no order', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);

    const intentId = await publishStraddleIntent(redis);
    const queue = page.getByRole('region', { name: 'Pending approvals' });
    const row = queue.getByRole('row', { name: `approval ${intentId}` });
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: 'Veto' }).click();
    // The reason field opens under the row, focused
    const form = queue.getByRole('row', { name: `veto ${intentId}` });
    const confirm = form.getByRole('button', { name: 'Confirm veto' });
    await expect(confirm).toBeDisabled();
    await expect(form.getByLabel('Veto reason')).toBeFocused();
    await form.getByLabel('Veto reason').fill('event risk before the Fed');
    await confirm.click();

    const status = page
      .getByRole('region', { name: 'Intent feed' })
      .getByRole('listitem', { name: `intent ${intentId}` })
      .getByLabel('status');
    await expect(status).toHaveText('vetoed');

    const decisions = (await readStream(redis, 'intent.decision')).filter((d) => d.intent_id === intentId);
    expect(decisions.map((d) => d.status)).toEqual(['pending_approval', 'vetoed']);
    expect(decisions[1]).toMatchObject({
      reason_codes: ['MANUAL_VETO'],
      reason: 'event risk before the Fed',
      decided_by: 'trader',
    });
    const orders = [
      ...(await readStream(redis, 'order.command')),
      ...(await readStream(redis, 'execution.command')),
    ].filter((o) => o.intent_id === intentId);
    expect(orders).toEqual([]);
  });
});
