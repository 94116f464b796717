import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream, streamLength } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

test.use({ user: 'trader' });

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

// A strategy of its own, so other specs' straddles (bought or sold) do not move these legs
const STRATEGY = `e2e_positions_${randomUUID().slice(0, 8)}`;
const money = (v: number) =>
  v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// What the book holds for a leg of the strategy's one straddle (bought): its fills' quantity and average price
async function expectedLeg(symbol: string) {
  const fills = (await readStream(redis, 'order.fill')).filter(
    (f) => f.strategy_id === STRATEGY && f.symbol === symbol,
  ) as { side: string; quantity: number; price: number }[];
  const quantity = fills.reduce((q, f) => q + (f.side === 'buy' ? f.quantity : -f.quantity), 0);
  const cost = fills.reduce((c, f) => c + f.quantity * f.price, 0);
  const bought = fills.reduce((q, f) => q + f.quantity, 0);
  return { quantity: `+${Number(quantity.toFixed(8))}`, avgPrice: money(cost / bought) };
}

test.describe('the Positions page', () => {
  test('shows an approved straddle as two legs with quantity and average price, its totals and curves, accessibly', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);

    const intentId = await publishStraddleIntent(redis, { strategy_id: STRATEGY });
    const approval = page
      .getByRole('region', { name: 'Pending approvals' })
      .getByRole('row', { name: `approval ${intentId}` });
    await approval.getByRole('button', { name: 'Approve' }).click();
    const legsOf = async () =>
      (await readStream(redis, 'order.fill'))
        .filter((f) => f.intent_id === intentId)
        .map((f) => String(f.symbol));
    await expect.poll(legsOf).toHaveLength(2);
    const legs = (await legsOf()).sort();

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Positions' }).click();
    await expect(page).toHaveURL(/\/positions$/);
    const table = page.getByRole('region', { name: 'Positions by instrument' });
    for (const symbol of legs) {
      const expected = await expectedLeg(symbol);
      const row = table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: symbol, exact: true }) })
        .filter({ hasText: STRATEGY });
      // Cells after the strategy: quantity, then average price
      await expect(row.getByRole('cell').nth(1)).toHaveText(expected.quantity);
      await expect(row.getByRole('cell').nth(2)).toHaveText(expected.avgPrice);
      await expect(row.getByRole('cell').nth(3)).toHaveText(/\d/);
    }

    const perStrategy = page.getByRole('table', { name: 'Totals per strategy' });
    await expect(perStrategy.getByRole('rowheader', { name: STRATEGY, exact: true })).toBeVisible();
    const perUnderlying = page.getByRole('table', { name: 'Totals per underlying' });
    await expect(perUnderlying.getByRole('rowheader', { name: 'BTC/USDT', exact: true })).toBeVisible();
    await expect(page.getByLabel('Book totals')).toContainText('Total PnL');
    await expect(page.getByRole('figure', { name: 'Equity curve' })).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Drawdown curve' })).toBeVisible();

    // The accessibility spec sees the page empty (it runs first); here it is checked with its table and charts
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const blocking = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
});
