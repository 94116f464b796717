import { expect, type Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES } from '../../server/src/config/service-names.ts';
import { connectRedis } from '../support/bus.ts';
import { test } from '../support/sign-in.ts';
import { stack } from '../support/stack.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(() => redis.disconnect());

/** XADDs an intent missing every required field but its id (SCHEMA_MISMATCH for each group); its payload. */
async function publishMalformedIntent(): Promise<string> {
  const payload = JSON.stringify({ intent_id: `bad-${randomUUID().slice(0, 8)}` });
  await redis.xadd(`${stack.prefix}:strategy.intent`, '*', 'data', payload);
  return payload;
}

/** The first dead letter row showing `payload`, found again by its own label (rows move as letters arrive). */
async function letterRow(page: Page, payload: string) {
  const letters = page.getByRole('region', { name: 'Dead letter list' });
  const first = letters.getByRole('row').filter({ hasText: payload }).first();
  await expect(first).toBeVisible();
  const label = await first.getAttribute('aria-label');
  return letters.getByRole('row', { name: label ?? '', exact: true });
}

test.describe('as an admin', () => {
  test.use({ user: 'admin' });

  test('a malformed entry shows up as a dead letter; requeue is refused with the reason, discard is recorded', async ({
    page,
  }) => {
    await page.goto('/ops');
    const payload = await publishMalformedIntent();
    const row = await letterRow(page, payload);
    await expect(row).toContainText('SCHEMA_MISMATCH');
    await expect(row).toContainText('strategy.intent');
    await expect(row.getByRole('cell').nth(3)).toHaveText(/^\d+-\d+$/);

    await row.getByRole('button', { name: 'Requeue' }).click();
    const requeueDialog = page.getByRole('dialog', { name: 'Requeue dead letter' });
    await requeueDialog.getByRole('button', { name: 'Requeue' }).click();
    await expect(row.getByRole('alert')).toContainText(
      'cannot be requeued: its payload is still invalid for strategy.intent',
    );

    await row.getByRole('button', { name: 'Discard' }).click();
    await page
      .getByRole('dialog', { name: 'Discard dead letter' })
      .getByRole('button', { name: 'Discard' })
      .click();
    await expect(row).toContainText('discarded by admin');
    await expect(row.getByRole('button')).toHaveCount(0);
  });

  test('the services panel lists every service of the stack as up, and the streams table sorts', async ({
    page,
  }) => {
    await page.goto('/ops');
    const services = page.getByRole('region', { name: 'Service health' });
    for (const name of SERVICE_NAMES)
      await expect(services.getByRole('row', { name: `${name} up` }).first()).toBeVisible();

    const streams = page.getByRole('region', { name: 'Streams and groups' });
    await expect(streams.getByRole('row', { name: /^strategy\.intent engine/ })).toBeVisible();
    const byStream = streams.getByRole('columnheader', { name: 'Stream' });
    await byStream.getByRole('button').click();
    await expect(byStream).toHaveAttribute('aria-sort', 'ascending');
  });
});

test.describe('as a viewer', () => {
  test.use({ user: 'viewer' });

  test('sees the dead letters but no Requeue or Discard', async ({ page }) => {
    await page.goto('/ops');
    const payload = await publishMalformedIntent();
    const row = await letterRow(page, payload);
    await expect(row).toContainText('unhandled');
    await expect(row.getByRole('button')).toHaveCount(0);
  });
});
