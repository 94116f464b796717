import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishRiskAlert } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

/** A strategy id of this run's own, so the board's row is this test's alert alone. */
const strategyOf = () => `e2e_risk_${randomUUID().slice(0, 8)}`;

const alertRow = (page: Page, strategy: string) =>
  page.getByRole('region', { name: 'Alerts' }).getByRole('row', { name: `alert volatility ${strategy}` });

test.describe('the Risk page', () => {
  test('draws each underlying’s Greeks over time with their limits named', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/risk');
    const greeks = page.getByRole('region', { name: 'Greeks over time' });
    for (const [underlying, limit] of [
      ['BTC/USDT', 'limit ±2.0000 · alert ±0.1000'],
      ['ETH/USDT', 'limit ±20.0000 · alert ±0.1000'],
    ] as const) {
      const row = greeks.getByRole('region', { name: `Greeks of ${underlying}` });
      const delta = row.getByRole('img', { name: new RegExp(`^${underlying} delta over .*now`) });
      await expect(delta).toBeVisible();
      await expect(delta).toHaveAccessibleName(new RegExp(`${limit.replace(/[.+]/g, '\\$&')}$`));
      await expect(row.getByText(limit)).toBeVisible();
      await expect(delta.locator('svg .recharts-line')).toHaveCount(1);
      for (const greek of ['gamma', 'vega', 'theta'])
        await expect(row.getByRole('img', { name: new RegExp(`^${underlying} ${greek} `) })).toBeVisible();
    }
    await expect(greeks.getByText(/^limit −2500\.00$/)).toBeVisible();
  });

  test('shows an alert raised, a trader acknowledges it and sees who and when, then it clears', async ({
    page,
  }) => {
    await page.goto('/risk');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    const strategy = strategyOf();
    await publishRiskAlert(redis, { strategy_id: strategy });
    const row = alertRow(page, strategy);
    await expect(row).toContainText('active · warning');
    await expect(row).toContainText('e2e: realized vol 1.20 > 0.90');

    await row.getByRole('button', { name: `Acknowledge volatility ${strategy}` }).click();
    await expect(row).toContainText(/acknowledged by trader at \d\d:\d\d:\d\d/);
    await expect(row.getByRole('button')).toHaveCount(0);

    await publishRiskAlert(redis, {
      strategy_id: strategy,
      severity: 'info',
      message: 'volatility back within limits',
      metadata: { underlying: null, state: 'cleared' },
    });
    await expect(row).toContainText('cleared');
    await expect(row).toContainText(/acknowledged by trader at \d\d:\d\d:\d\d/);

    // Raised again after the clear: a new raise, unacknowledged
    await publishRiskAlert(redis, { strategy_id: strategy, severity: 'critical' });
    await expect(row).toContainText('active · critical');
    await expect(row.getByRole('button', { name: `Acknowledge volatility ${strategy}` })).toBeVisible();
  });

  test.describe('as a viewer', () => {
    test.use({ user: 'viewer' });

    test('shows the alert and every trading state, with no Acknowledge button', async ({ page }) => {
      await page.goto('/risk');
      const strategy = strategyOf();
      await publishRiskAlert(redis, { strategy_id: strategy });
      const row = alertRow(page, strategy);
      await expect(row).toContainText('active · warning');
      await expect(row).toContainText('not acknowledged');
      await expect(row.getByRole('button')).toHaveCount(0);
      const states = page.getByRole('region', { name: 'Trading states' });
      await expect(states.getByRole('row', { name: 'trading state of Global' })).toContainText('ACTIVE');
    });
  });
});
