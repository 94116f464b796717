import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { openPgAuditStore } from '../../server/src/audit/pg-audit-store.ts';
import { historyRows } from '../../server/src/testing/history-rows.ts';
import { connectRedis, publishStraddleIntent, streamLength } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';
import { stackDatabase } from '../support/stack.ts';

test.use({ user: 'trader' });

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

const form = (page: Page) => page.getByRole('search', { name: 'History search' });
const rowCount = (page: Page) => page.getByRole('status', { name: 'row count' });
const results = (page: Page) => page.getByRole('region', { name: 'History results' });

test.describe('the History page', () => {
  test('finds intents by strategy and status, opens one’s explain timeline and exports the CSV', async ({
    page,
  }) => {
    await page.goto('/history');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('connected');
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);
    const strategy = `e2e_hist_${randomUUID().slice(0, 8)}`;
    const ids = [
      await publishStraddleIntent(redis, { strategy_id: strategy }),
      await publishStraddleIntent(redis, { strategy_id: strategy }),
    ];

    // `/` focuses the first search field (once the page's lazy chunk has rendered it)
    await expect(form(page).getByLabel('Strategy')).toBeVisible();
    await page.locator('body').press('/');
    await expect(form(page).getByLabel('Strategy')).toBeFocused();
    await page.keyboard.type(strategy);
    await form(page).getByLabel('Status').selectOption('pending_approval');
    // The recorder writes in batches: search again until both intents are in the audit store
    await expect(async () => {
      await form(page).getByRole('button', { name: 'Search' }).click();
      await expect(rowCount(page)).toHaveText('2 of 2 rows', { timeout: 2000 });
    }).toPass();
    const rows = results(page).getByRole('row');
    await expect(rows).toHaveCount(3);
    // Newest first
    await expect(rows.nth(1)).toContainText(ids[1] ?? '');
    await expect(rows.nth(2)).toContainText(ids[0] ?? '');
    await expect(rows.nth(1)).toContainText('pending_approval');

    await rows.nth(2).focus();
    await page.keyboard.press('Enter');
    const explain = page.getByRole('region', { name: `explain ${ids[0]}` });
    await expect(explain.getByRole('listitem').filter({ hasText: 'strategy.intent' })).toHaveCount(1);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('gamma-history-intents.csv');
    const csv = await readFile(await file.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^time,kind,intent_id,strategy,/);
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual([ids[1], ids[0]]);
  });

  test('scrolls a 10,000-row result with only a window of rows in the page', async ({ page }) => {
    // Seeded straight into the stack's audit store (its write path), on a day of their own
    const store = await openPgAuditStore({ url: stackDatabase().url });
    const idPrefix = `e2e-h-${randomUUID().slice(0, 8)}`;
    const startMs = Date.parse('2020-01-01T00:00:00.000Z');
    try {
      await store.insert(historyRows({ idPrefix, intents: 10_000, startMs, stepMs: 1000 }));
    } finally {
      await store.close();
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/history');
    await form(page).getByLabel('From', { exact: true }).fill('2020-01-01T00:00');
    await form(page).getByLabel('To', { exact: true }).fill('2020-01-02T00:00');
    await form(page).getByRole('button', { name: 'Search' }).click();
    await expect(rowCount(page)).toHaveText(/ of 10,000 rows$/);
    // At 1280 px each filter keeps its label and its control on one line (one control high, not two stacked)
    const fieldHeights = await form(page)
      .locator('label')
      .evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().height));
    expect(fieldHeights).toHaveLength(7);
    expect(Math.max(...fieldHeights)).toBeLessThan(36);
    // Virtualized: a window of rows, not 10,000
    const rendered = await results(page).getByRole('row').count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);

    // Scrolling to the end loads the further pages and shows the last (oldest) row
    await expect(async () => {
      await results(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(rowCount(page)).toHaveText('10,000 of 10,000 rows', { timeout: 2000 });
    }).toPass();
    await results(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(
      results(page)
        .getByRole('row')
        .filter({ hasText: `${idPrefix}-0` })
        .first(),
    ).toBeVisible();
    expect(await results(page).getByRole('row').count()).toBeLessThan(100);

    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) {
      await results(page).evaluate((el) => el.scrollTo(0, 0));
      await results(page).getByRole('row').nth(3).click();
      await expect(page.getByRole('complementary', { name: 'Explain timeline' })).toBeVisible();
      await page.screenshot({ path: `${shots}/history.png` });
    }
  });
});
