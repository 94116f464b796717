import { expect } from '@playwright/test';
import { test } from '../support/sign-in.ts';

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
});
