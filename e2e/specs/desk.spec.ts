import { expect } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, streamLength } from '../support/bus.ts';
import { approvalQueue, clearApprovalQueue, queueRow } from '../support/desk.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

test.use({ user: 'trader' });

test.describe('the Desk at 1280×720', () => {
  test('shows the approval queue as a blotter on screen, and a selected row in detail', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    // The straddles' legs are priced off the simulator's surfaces: wait until one is on the bus
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);
    await clearApprovalQueue();

    const btc = await publishStraddleIntent(redis);
    const eth = await publishStraddleIntent(redis, {
      strategy_id: 'e2e_trader_eth',
      symbol: 'ETH/USDT',
      quantity: 1,
    });
    const queue = approvalQueue(page);
    await expect(queue.getByRole('columnheader')).toHaveText([
      'Strategy',
      'Action',
      'Size',
      'Underlying',
      'Notional',
      'Δ after',
      'Vega after',
      'Check',
      'Expires',
      'Decide',
    ]);
    // One line each: what it does, the notional, Δ and vega after the trade, the closest check, a countdown
    await expect(queueRow(page, btc).getByRole('cell')).toHaveText([
      'e2e_trader_btc',
      'Buy straddle',
      '0.1',
      'BTC/USDT',
      /^\$\d{1,3}(,\d{3})*$/,
      /^[+-]?\d+\.\d{4}$/,
      /^[+-]?\d+\.\d{2}$/,
      /^(✗ )?[A-Z][a-z ]+( \d+%)?/,
      /^\d:\d\d$/,
      'ApproveVeto',
    ]);
    await expect(queueRow(page, eth)).toContainText('ETH/USDT');

    // Both rows and their Approve buttons are inside the 720 px viewport, with no page scroll
    for (const id of [btc, eth]) {
      const row = queueRow(page, id);
      await expect(row).toBeInViewport();
      const approve = await row.getByRole('button', { name: 'Approve' }).boundingBox();
      expect(approve, `Approve of ${id}`).not.toBeNull();
      expect((approve?.y ?? 720) + (approve?.height ?? 0)).toBeLessThanOrEqual(720);
      // Veto, the last column, ends inside the card: the blotter does not overflow it sideways
      const veto = await row.getByRole('button', { name: 'Veto' }).boundingBox();
      const card = await queue.boundingBox();
      expect((veto?.x ?? 1280) + (veto?.width ?? 0), `Veto of ${id}`).toBeLessThanOrEqual(
        (card?.x ?? 0) + (card?.width ?? 0),
      );
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);

    // Selecting a row opens its detail: every check with value and limit, the what-if, P/Q, the explain
    await queueRow(page, btc).click();
    await expect(queueRow(page, btc)).toHaveAttribute('aria-current', 'true');
    const detail = page.getByRole('region', { name: `detail ${btc}` });
    const checks = detail.getByRole('table', { name: 'risk checks' });
    await expect(checks.getByRole('columnheader')).toHaveText(['Check', 'Value', 'Limit', 'Used', 'Result']);
    await expect(checks.getByRole('row').filter({ hasText: 'Order notional' })).toContainText(/\d.*pass/);
    await expect(detail.getByLabel('greeks what-if')).toContainText(/Δ [+-]?\d+\.\d{4} → [+-]?\d+\.\d{4}/);
    await expect(detail.getByLabel('P/Q reasoning')).toContainText('P (implied)55.00');
    await expect(detail.getByLabel('spread')).toHaveText('+7.00 vol pts');
    await expect(detail.getByRole('region', { name: `explain ${btc}` })).toContainText('strategy.intent');
    await expect(detail).toBeInViewport();

    const shots = process.env.E2E_SCREENSHOT_DIR;
    if (shots) await page.screenshot({ path: `${shots}/desk.png` });
  });
});
