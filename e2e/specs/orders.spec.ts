import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream, streamLength } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

/** As the page signs a figure: `+1.50`, `-0.20`, `0.00`. */
function signedFixed(v: number, dp: number): string {
  const text = v.toFixed(dp);
  if (Number(text) === 0) return (0).toFixed(dp);
  return v > 0 ? `+${text}` : text;
}

test.describe('the Orders page', () => {
  test('shows an approved straddle’s two leg orders filled, live, filters them and exports them', async ({
    page,
    context,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    // The Orders page is open in a tab of its own before anything is approved: what follows arrives live
    const ordersTab = await context.newPage();
    await ordersTab.setViewportSize({ width: 1280, height: 720 });
    await ordersTab.goto('/orders');
    await expect(ordersTab.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);

    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);
    const strategy = `e2e_orders_${randomUUID().slice(0, 8)}`;
    const intentId = await publishStraddleIntent(redis, { strategy_id: strategy });
    const approval = page
      .getByRole('region', { name: 'Pending approvals' })
      .getByRole('row', { name: `approval ${intentId}` });
    await approval.getByRole('button', { name: 'Approve' }).click();

    // Both legs appear filled without a reload, each with the fill price, fee and slippage of the bus
    const legs = [0, 1].map((leg) => ordersTab.getByRole('row', { name: `order ${intentId}-${leg}` }));
    for (const row of legs) await expect(row.getByLabel('status')).toHaveText('filled');
    const orders = (await readStream(redis, 'order.command')).filter((o) => o.intent_id === intentId);
    const fills = (await readStream(redis, 'order.fill')).filter((f) => f.intent_id === intentId);
    for (const [leg, row] of legs.entries()) {
      const clientOrderId = `${intentId}-${leg}`;
      const order = orders.find((o) => o.client_order_id === clientOrderId);
      const fill = fills.find((f) => f.client_order_id === clientOrderId);
      const price = Number(fill?.price);
      const mark = Number((order?.metadata as { mark?: number } | undefined)?.mark);
      const cell = (column: string) => row.locator(`[data-column="${column}"]`);
      await expect(cell('fill')).toHaveText(price.toFixed(2));
      await expect(cell('fees')).toHaveText(Number(fill?.fee).toFixed(2));
      await expect(cell('mark')).toHaveText(mark.toFixed(2));
      // A buy paid (fill − mark) per option over 0.1 options
      await expect(cell('slippage_usd')).toHaveText(signedFixed((price - mark) * Number(fill?.quantity), 2));
      await expect(cell('slippage_bps')).toHaveText(signedFixed(((price - mark) / mark) * 10_000, 1));
    }

    // A filter narrows: no rejected order of this straddle; its strategy alone shows its two legs
    await ordersTab.getByRole('combobox', { name: 'Status' }).selectOption('rejected');
    for (const row of legs) await expect(row).toBeHidden();
    await ordersTab.getByRole('combobox', { name: 'Status' }).selectOption('');
    await ordersTab.getByRole('combobox', { name: 'Strategy' }).selectOption(strategy);
    const table = ordersTab.getByRole('region', { name: 'Orders' });
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(ordersTab.getByLabel('Summary')).toContainText('2 orders');

    // The CSV holds the header and exactly the rows shown, in their order
    const shown = await table
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.slice(1).map((r) => (r.getAttribute('aria-label') ?? '').replace(/^order /, '')),
      );
    const [download] = await Promise.all([
      ordersTab.waitForEvent('download'),
      ordersTab.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^orders-.*\.csv$/);
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
    expect(lines[0]).toBe(
      'time,strategy,underlying,symbol,side,order_type,quantity,limit_price,mark,status,reason_code,' +
        'filled_quantity,fill_price,fee,slippage_usd,slippage_bps,fills,action,intent_id,client_order_id',
    );
    expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(shown);
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual([strategy, strategy]);
    expect(lines.slice(1).map((line) => line.split(',')[9])).toEqual(['filled', 'filled']);
  });
});
