import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, streamLength } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.describe('explaining an approved straddle', () => {
  test('shows where the time went, hop by hop, each leg on its own', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('connected');
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);

    const intentId = await publishStraddleIntent(redis);
    const approval = page
      .getByRole('region', { name: 'Pending approvals' })
      .getByRole('row', { name: `approval ${intentId}` });
    await approval.getByRole('button', { name: 'Approve' }).click();
    const row = page
      .getByRole('region', { name: 'Intent feed' })
      .getByRole('listitem', { name: `intent ${intentId}` });
    await expect(row.getByLabel('status')).toHaveText('filled');

    await row.getByRole('button').click();
    const explain = page.getByRole('region', { name: `explain ${intentId}` });
    const hops = explain.getByRole('list', { name: 'hops' });
    for (const hop of [
      'intent to pending approval',
      'pending approval to approval',
      'approval to approved',
      'approved to execution command',
      'execution command to order leg 0',
      'execution command to order leg 1',
      'order leg 0 to fill leg 0',
      'order leg 1 to fill leg 1',
    ]) {
      await expect(hops.getByRole('listitem', { name: `hop ${hop}` }).getByLabel('latency')).toHaveText(
        /^\d+ ms$|^\d+\.\d\d s$/,
      );
    }
    // One hop is marked as where most of the time went
    await expect(hops.locator('.slowest')).toHaveCount(1);
    await expect(explain.getByLabel('total latency')).toHaveText(/in all$/);

    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) {
      await explain.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/explain-hops.png` });
    }
  });
});
