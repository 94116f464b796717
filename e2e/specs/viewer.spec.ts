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
      .getByRole('row', { name: `approval ${intentId}` });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Buy straddle');
    await expect(row.getByRole('button', { name: /Approve|Veto/ })).toHaveCount(0);

    // The keys select and explain, but a and v only say why they do nothing
    await row.click();
    await expect(page.getByRole('region', { name: `detail ${intentId}` })).toBeVisible();
    const said = page.getByRole('status', { name: 'Desk message' });
    await page.keyboard.press('a');
    await expect(said).toHaveText('Approving needs the trader role; you are signed in as viewer');
    await page.keyboard.press('v');
    await expect(said).toHaveText('Vetoing needs the trader role; you are signed in as viewer');
    await expect(page.getByLabel('Veto reason')).toHaveCount(0);
    await expect(row).toBeVisible();

    const bar = page.getByRole('region', { name: 'Trading state' });
    await expect(bar.getByRole('listitem', { name: 'trading state Global' })).toBeVisible();
    await expect(bar.getByRole('button')).toHaveCount(0);
  });
});
