import { expect, type Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, streamLength } from '../support/bus.ts';
import { mutateAs, test } from '../support/sign-in.ts';
import { stack } from '../support/stack.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.use({ user: 'trader' });

/** Opens the Desk and waits for the live link and a surface to price straddles off. */
async function openDesk(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
  await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);
}

/** Waits until the gateway lists the intent as pending (so a trader may decide it). */
const pendingListed = async (page: Page, intentId: string) =>
  expect
    .poll(async () => {
      const response = await page.request.get('/trpc/approvals.pending');
      const body = (await response.json()) as { result: { data: { intent: { intent_id: string } }[] } };
      return body.result.data.some((p) => p.intent.intent_id === intentId);
    })
    .toBe(true);

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.toasts').getByRole('alert').filter({ hasText: text });

test.describe('telling the trader', () => {
  test('the tab title counts pending approvals; decisions by others arrive as toasts', async ({ page }) => {
    await openDesk(page);
    const approved = await publishStraddleIntent(redis);
    const vetoed = await publishStraddleIntent(redis);
    await expect(page).toHaveTitle(/^\([1-9]\d*\) approvals? pending · Gamma console$/);
    await pendingListed(page, approved);
    await pendingListed(page, vetoed);

    await mutateAs('alice', 'approvals.approve', { intent_id: approved });
    await expect(toast(page, 'Approved by alice: buy_straddle 0.1 BTC/USDT (e2e_trader_btc)')).toBeVisible();
    await mutateAs('bob', 'approvals.veto', { intent_id: vetoed, reason: 'too close to the print' });
    await expect(
      toast(page, 'Vetoed by bob: buy_straddle 0.1 BTC/USDT (e2e_trader_btc) (too close to the print)'),
    ).toBeVisible();
  });

  test('opted-in browser notifications ping for a new pending approval and a raised alert', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['notifications'], { origin: `http://127.0.0.1:${stack.port}` });
    // Records every notification the console shows (the browser's own Notification still shows it)
    await page.addInitScript(() => {
      const Real = window.Notification;
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(`${title} | ${options?.body ?? ''}`);
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      window.Notification = Recorded as typeof Notification;
    });
    await openDesk(page);
    const shown = () =>
      page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);

    const toggle = page.getByRole('button', { name: 'Notifications off' });
    await toggle.click();
    await expect(page.getByRole('button', { name: 'Notifications on' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(toast(page, 'Browser notifications on')).toBeVisible();

    const intentId = await publishStraddleIntent(redis, { quantity: 0.2 });
    await expect.poll(shown).toContain('Approval needed | buy_straddle 0.2 BTC/USDT (e2e_trader_btc)');
    await pendingListed(page, intentId);
    await mutateAs('trader', 'approvals.veto', { intent_id: intentId, reason: 'cleanup' });

    const alert = {
      strategy_id: 'global',
      alert_type: 'drawdown',
      severity: 'critical',
      message: 'drawdown 6.2% over the 5% limit',
      current_value: 0.062,
      threshold_value: 0.05,
      timestamp: new Date().toISOString(),
    };
    await redis.xadd(`${stack.prefix}:risk.alert`, '*', 'data', JSON.stringify(alert));
    await expect
      .poll(shown)
      .toContain('Risk alert (critical): drawdown | global: drawdown 6.2% over the 5% limit');

    // The choice is remembered in this browser
    await page.reload();
    await expect(page.getByRole('button', { name: 'Notifications on' })).toBeVisible();
  });
});

test.describe('times in UTC or local', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('the header switches every time to the browser zone and remembers it', async ({ page }) => {
    await openDesk(page);
    await publishStraddleIntent(redis);
    const time = page.locator('main time').first();
    await expect(time).toBeVisible();
    const shownAs = async (zone: string) => {
      const iso = (await time.getAttribute('datetime')) ?? '';
      const expected = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso));
      return (await time.textContent())?.startsWith(expected) ?? false;
    };
    await expect.poll(() => shownAs('UTC')).toBe(true);

    await page.getByRole('button', { name: /^Times in UTC/ }).click();
    await expect(page.getByRole('button', { name: /^Times in local time/ })).toHaveText('Local');
    await expect.poll(() => shownAs('Asia/Tokyo')).toBe(true);

    await page.reload();
    await expect(page.getByRole('button', { name: /^Times in local time/ })).toBeVisible();
    await expect(time).toBeVisible();
    await expect.poll(() => shownAs('Asia/Tokyo')).toBe(true);
  });
});
