import { expect } from '@playwright/test';
import { test } from '../support/sign-in.ts';

test.use({ user: 'trader' });

test.describe('the console pages', () => {
  test('a deep link loads the console; the nav goes to the Desk and the back button returns', async ({
    page,
  }) => {
    await page.goto('/no-such-page');
    await expect(page.getByText('No console page at /no-such-page')).toBeVisible();
    await expect(page.getByLabel('Signed in').getByLabel('role')).toHaveText('trader');

    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: 'Desk' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('region', { name: 'Pending approvals' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Desk' })).toHaveAttribute('aria-current', 'page');
    // The chart library loads on demand, then the card renders as before
    await expect(page.getByRole('region', { name: 'Regime chart' })).toBeVisible();

    await page.goBack();
    await expect(page).toHaveURL(/\/no-such-page$/);
    await expect(page.getByText('No console page at /no-such-page')).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('region', { name: 'Pending approvals' })).toBeVisible();
  });
});
