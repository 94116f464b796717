import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.use({ user: 'viewer' });

test.describe('a viewer', () => {
  test('sees pending approvals but no Approve or Veto, and no trading-state controls', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByLabel('Signed in').getByLabel('role')).toHaveText('viewer');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);

    const intentId = await publishStraddleIntent(redis);
    const row = page
      .getByRole('region', { name: 'Pending approvals' })
      .getByRole('listitem', { name: `approval ${intentId}` });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Buy straddle');
    await expect(row.getByRole('button')).toHaveCount(0);

    const bar = page.getByRole('region', { name: 'Trading state' });
    await expect(bar.getByRole('listitem', { name: 'trading state Global' })).toBeVisible();
    await expect(bar.getByRole('button')).toHaveCount(0);
  });
});
