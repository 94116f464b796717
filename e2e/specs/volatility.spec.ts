import { expect } from '@playwright/test';
import { test } from '../support/sign-in.ts';

test.use({ user: 'viewer' });

// The simulator's surfaces and the vol forecaster's forecasts (1 s bars on this stack: the first after ~20 returns)
test.describe('the Volatility page', () => {
  test('shows the smile of each expiry against Q, the term structure, the models and the history, per underlying', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/volatility');
    await expect(page.getByRole('heading', { name: 'Volatility · BTC/USDT' })).toBeVisible();

    const smile = page.getByRole('img', { name: /^BTC\/USDT volatility smile by expiry/ });
    await expect(smile).toBeVisible();
    // One line per expiry, named in the legend
    await expect(smile.getByText(/^\d{4}-\d{2}-\d{2}$/).first()).toBeVisible();
    // The forecast (Q) of the trader's horizon drawn across the smile, and told in the chart's name
    await expect(smile.getByText(/^Q 24h \d+\.\d%$/)).toBeVisible({ timeout: 60_000 });
    await expect(smile).toHaveAccessibleName(/forecast \(Q\) \d+\.\d%$/);

    await expect(page.getByRole('img', { name: /^BTC\/USDT term structure, ATM implied vol/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^BTC\/USDT ATM implied vol \(P\) against/ })).toBeVisible();
    const models = page.getByRole('region', { name: 'Forecast models' }).getByRole('table');
    await expect(models.getByRole('columnheader', { name: 'Score' })).toBeVisible();
    await expect(models.getByRole('row').filter({ hasText: 'chosen' })).toHaveCount(1);
    await expect(models.getByRole('rowheader', { name: /^ewma-/ })).toBeVisible();
    const btcSummary = await smile.getAttribute('aria-label');

    // Live: new surfaces add points to the history without a reload (its name counts them)
    const history = page.getByRole('img', { name: /^BTC\/USDT ATM implied vol \(P\) against/ });
    const pointsShown = async (): Promise<number> =>
      Number(/ (\d+) points /.exec((await history.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    const before = await pointsShown();
    await expect.poll(pointsShown).toBeGreaterThan(before);

    await page.getByLabel('Underlying').selectOption('ETH/USDT');
    await expect(page).toHaveURL(/underlying=ETH%2FUSDT/);
    await expect(page.getByRole('heading', { name: 'Volatility · ETH/USDT' })).toBeVisible();
    const ethSmile = page.getByRole('img', { name: /^ETH\/USDT volatility smile by expiry/ });
    await expect(ethSmile).toBeVisible();
    expect(await ethSmile.getAttribute('aria-label')).not.toBe(btcSummary);
    await expect(page.getByRole('img', { name: /^ETH\/USDT term structure/ })).toBeVisible();

    // The back button returns to BTC/USDT
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Volatility · BTC/USDT' })).toBeVisible();
  });
});
