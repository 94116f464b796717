import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream, streamLength } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.describe('approving an intent', () => {
  test('fills both legs and moves the Greeks', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    // The straddle's legs are priced off the simulator's surface: wait until one is on the bus
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);

    const greeks = page.getByRole('region', { name: 'Greeks' }).getByLabel('Greeks BTC/USDT');
    await expect(greeks.getByLabel('vega')).toHaveText(/\d/);
    const vegaBefore = await greeks.getByLabel('vega').textContent();

    const intentId = await publishStraddleIntent(redis);
    const row = page
      .getByRole('region', { name: 'Pending approvals' })
      .getByRole('row', { name: `approval ${intentId}` });
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: 'Approve' }).click();

    const status = page
      .getByRole('region', { name: 'Intent feed' })
      .getByRole('listitem', { name: `intent ${intentId}` })
      .getByLabel('status');
    await expect(status).toHaveText('filled');
    await expect(row).toBeHidden();
    await expect(greeks.getByLabel('vega')).not.toHaveText(vegaBefore ?? '');

    const fills = (await readStream(redis, 'order.fill')).filter((fill) => fill.intent_id === intentId);
    expect(fills.map((fill) => fill.client_order_id).sort()).toEqual([`${intentId}-0`, `${intentId}-1`]);
  });
});
