import { expect, type Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream } from '../support/bus.ts';
import { killGateway, restartGateway } from '../support/gateway-control.ts';
import { test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

/** Where to leave screenshots of the console down and back (unset: none) */
const shots = process.env.E2E_SCREENSHOT_DIR;
const shoot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png` });
};

const decisionsOf = async (intentId: string) =>
  (await readStream(redis, 'intent.decision')).filter((d) => d.intent_id === intentId).map((d) => d.status);

test.describe('a gateway killed under an open console', () => {
  test('comes back with every pending approval; the console reconnects and shows what it missed once', async ({
    page,
  }) => {
    // A gateway kill and restart under load: three times the usual bound for a failing run
    test.slow();
    await page.goto('/');
    const connection = page.getByRole('status', { name: 'Connection' });
    await expect(connection).toHaveText(/connected/);
    const approvals = page.getByRole('region', { name: 'Pending approvals' });
    const feed = page.getByRole('region', { name: 'Intent feed' });

    const before = await publishStraddleIntent(redis);
    await expect(approvals.getByRole('row', { name: `approval ${before}` })).toBeVisible();
    await expect(feed.getByRole('listitem', { name: `intent ${before}` })).toBeVisible();

    await killGateway();
    await expect(connection).toHaveText(/reconnecting|offline/);

    // The engine keeps deciding while the gateway is down
    const during = [await publishStraddleIntent(redis), await publishStraddleIntent(redis)];
    for (const intentId of during) {
      await expect.poll(() => decisionsOf(intentId)).toEqual(['pending_approval']);
    }
    await shoot(page, 'reconnect-down');

    await restartGateway();
    await expect(connection).toHaveText('connected');

    for (const intentId of [before, ...during]) {
      await expect(approvals.getByRole('row', { name: `approval ${intentId}` })).toHaveCount(1);
      await expect(feed.getByRole('listitem', { name: `intent ${intentId}` })).toHaveCount(1);
      await expect(
        feed.getByRole('listitem', { name: `intent ${intentId}` }).getByLabel('status'),
      ).toHaveText('pending');
    }
    await shoot(page, 'reconnect-back');

    // The approval kept in Redis across the restart can be approved through the new gateway
    await approvals
      .getByRole('row', { name: `approval ${before}` })
      .getByRole('button', { name: 'Approve' })
      .click();
    // With the reason, so a rejected execution says why
    await expect
      .poll(async () =>
        (await readStream(redis, 'intent.decision'))
          .filter((d) => d.intent_id === before)
          .map((d) => (typeof d.reason === 'string' ? `${String(d.status)}: ${d.reason}` : d.status)),
      )
      .toEqual(['pending_approval', 'approved']);
    await expect(feed.getByRole('listitem', { name: `intent ${before}` }).getByLabel('status')).toHaveText(
      'filled',
    );
    await expect(approvals.getByRole('row', { name: `approval ${before}` })).toBeHidden();
  });
});
