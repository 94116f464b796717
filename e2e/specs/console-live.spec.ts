import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.describe('the console', () => {
  test('shows live values in every card', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);

    const intentId = await publishStraddleIntent(redis);

    const latest = page.getByRole('region', { name: 'Latest intent' });
    await expect(latest.getByLabel('intent type')).toHaveText(/gamma|hedge|hold|signal|rebalance/i);
    await expect(latest.getByLabel('spread')).toHaveText(/[+-]?\d/);

    const macro = page.getByRole('region', { name: 'Macro regime' });
    await expect(macro.getByLabel('regime score')).toHaveText(/^\d\.\d\d$/);
    // The simulator's on-chain source, read at each macro broadcast: a figure and its age
    await expect(macro.getByLabel('on-chain activity')).toHaveText(/^\d+\.\d \d+s ago$/);

    const fomo = page.getByRole('region', { name: 'FOMO' });
    await expect(fomo).toContainText(/\d\.\d\d, (low|medium|high)/);

    const btc = page.getByRole('region', { name: 'Greeks' }).getByLabel('Greeks BTC/USDT');
    await expect(btc.getByLabel('delta')).toHaveText(/^-?\d+\.\d{4}$/);
    await expect(btc.getByLabel('leverage')).toHaveText(/\d/);

    const approvals = page.getByRole('region', { name: 'Pending approvals' });
    await expect(approvals.getByRole('row', { name: `approval ${intentId}` })).toBeVisible();

    const feed = page.getByRole('region', { name: 'Intent feed' });
    await expect(feed.getByRole('listitem', { name: `intent ${intentId}` })).toBeVisible();

    const chart = page.getByRole('region', { name: 'Regime chart' });
    await expect(chart.locator('.recharts-line').first()).toBeVisible();
  });
});
