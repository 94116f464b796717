import { expect, test, type Page } from '@playwright/test';
import { E2E_USERS } from '../support/sign-in.ts';

const alice = { username: 'alice', password: E2E_USERS.alice.password };

const signInForm = (page: Page) => page.getByRole('form', { name: 'Sign in' });

/** Fills the login page and submits it. */
async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  const form = signInForm(page);
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('signing in to the console', () => {
  test('a wrong password shows an error and no console', async ({ page }) => {
    await page.goto('/');
    await submitLogin(page, alice.username, `${alice.password}-wrong`);
    await expect(signInForm(page).getByRole('alert')).toHaveText('Wrong username or password.');
    await expect(page.getByRole('region', { name: 'Pending approvals' })).toHaveCount(0);
  });

  test('the right password shows the console with the user in the header; logout returns to the login page', async ({
    page,
  }) => {
    await page.goto('/');
    await submitLogin(page, alice.username, alice.password);
    const header = page.getByLabel('Signed in');
    await expect(header).toContainText(alice.username);
    await expect(header.getByLabel('role')).toHaveText('trader');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    await expect(page.getByRole('region', { name: 'Pending approvals' })).toBeVisible();

    // The whole header fits the window (1280 px): Logout is not cut off at its right edge
    const logout = await header.getByRole('button', { name: 'Logout' }).boundingBox();
    expect((logout?.x ?? Infinity) + (logout?.width ?? 0)).toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );
    await header.getByRole('button', { name: 'Logout' }).click();
    await expect(signInForm(page)).toBeVisible();
    await expect(page.getByLabel('Signed in')).toHaveCount(0);
    // The cookie is gone: a reload stays on the login page
    await page.reload();
    await expect(signInForm(page)).toBeVisible();
  });

  test('a session ended elsewhere returns to the login page saying so', async ({ page }) => {
    await page.goto('/');
    await submitLogin(page, alice.username, alice.password);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);

    // The same cookie logs out over the API (as another tab would): the server ends the session
    const logout = await page.request.post('/trpc/auth.logout', {
      headers: { origin: new URL(page.url()).origin, 'content-type': 'application/json' },
    });
    expect(logout.ok()).toBe(true);

    await expect(signInForm(page).getByRole('status')).toHaveText('Your session ended; sign in again');
    await expect(page.getByRole('region', { name: 'Pending approvals' })).toHaveCount(0);
  });
});
