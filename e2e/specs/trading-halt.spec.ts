import { expect, type Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { connectRedis, publishStraddleIntent, readStream, streamLength } from '../support/bus.ts';
import { mutateAs, test } from '../support/sign-in.ts';

let redis: Redis;
test.beforeAll(() => {
  redis = connectRedis();
});
test.afterAll(async () => {
  // Whatever happened above, the next spec finds the desk trading
  await mutateAs('risk', 'risk.setTradingState', {
    scope: 'global',
    state: 'ACTIVE',
    reason: 'e2e: cleanup',
  });
  redis.disconnect();
});

const decisionsOf = async (intentId: string) =>
  (await readStream(redis, 'intent.decision')).filter((d) => d.intent_id === intentId);
const fillsOf = async (intentId: string) =>
  (await readStream(redis, 'order.fill')).filter((f) => f.intent_id === intentId);

/** The newest book-wide delta of BTC on `portfolio.risk`, coins. */
async function btcDelta(): Promise<number> {
  const risk = (await readStream(redis, 'portfolio.risk')).filter((r) => r.underlying === 'BTC/USDT');
  return Number(risk.at(-1)?.total_delta ?? 0);
}

/** A row of the pending approvals card. */
const pendingRow = (page: Page, intentId: string) =>
  page.getByRole('region', { name: 'Pending approvals' }).getByRole('row', { name: `approval ${intentId}` });

/** Sets the global state from the trading-state bar: the control, a reason, the confirm step for a halt. */
async function setGlobal(page: Page, control: 'Halt' | 'Resume', reason: string): Promise<void> {
  const bar = page.getByRole('region', { name: 'Trading state' });
  await bar.getByRole('button', { name: control }).click();
  const form = bar.getByRole('form', { name: `${control} form` });
  const submit = form.getByRole('button', { name: control === 'Halt' ? 'Halt trading' : 'Resume trading' });
  await expect(submit).toBeDisabled();
  await form.getByLabel('Reason').fill(reason);
  await submit.click();
  if (control === 'Halt') {
    const confirm = bar.getByRole('form', { name: 'Confirm halt' });
    await expect(confirm).toContainText('Halt Global?');
    await confirm.getByRole('button', { name: 'Confirm halt' }).click();
  }
}

test.describe('halting trading from the console', () => {
  // Trading states are a risk manager's to set
  test.use({ user: 'risk' });

  test('vetoes pending approvals TRADING_HALTED, lets a reducing hedge fill, and resumes', async ({
    page,
  }) => {
    test.slow();
    await page.goto('/');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/connected/);
    await expect.poll(() => streamLength(redis, 'market.vol_surface')).toBeGreaterThan(0);
    const global = page.getByRole('region', { name: 'Trading state' }).getByRole('listitem', {
      name: 'trading state Global',
    });
    await expect(global).toContainText('ACTIVE');

    // Some BTC delta for a hedge to reduce: a small perpetual buy, approved from the console
    const buyId = await publishStraddleIntent(redis, {
      symbol: 'BTC/USDT:USDT',
      intent_type: 'legacy_signal',
      action: 'buy',
      direction: 'buy',
      quantity: 0.02,
      metadata: {},
    });
    await pendingRow(page, buyId).getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await fillsOf(buyId)).length).toBe(1);

    // Two intents wait for a trader
    const waiting = [await publishStraddleIntent(redis), await publishStraddleIntent(redis)];
    for (const id of waiting) await expect(pendingRow(page, id)).toBeVisible();

    await setGlobal(page, 'Halt', 'e2e: exchange incident');
    await expect(global).toContainText('HALTED');
    await expect(global).toContainText('by risk');
    await expect(global).toContainText('e2e: exchange incident');

    // Every pending approval is vetoed TRADING_HALTED by the engine
    for (const id of waiting) {
      await expect(pendingRow(page, id)).toBeHidden();
      const status = page
        .getByRole('region', { name: 'Intent feed' })
        .getByRole('listitem', { name: `intent ${id}` })
        .getByLabel('status');
      await expect(status).toHaveText('vetoed');
      await expect
        .poll(async () => (await decisionsOf(id)).map((d) => d.status))
        .toEqual(['pending_approval', 'vetoed']);
      expect((await decisionsOf(id))[1]).toMatchObject({
        reason_codes: ['TRADING_HALTED'],
        decided_by: 'risk_service',
        reason: 'trading halted (global, by risk: e2e: exchange incident)',
      });
    }

    // A DeltaHedger intent that reduces |Δ| of BTC is protective: approved by the hedge lane and filled
    const delta = await btcDelta();
    expect(Math.abs(delta), 'BTC delta to hedge').toBeGreaterThan(0.001);
    const hedgeId = await publishStraddleIntent(redis, {
      strategy_id: 'delta_hedger_btc',
      symbol: 'BTC/USDT:USDT',
      intent_type: 'delta_hedge',
      action: 'delta_hedge',
      direction: delta > 0 ? 'sell' : 'buy',
      quantity: Math.round((Math.abs(delta) / 2) * 10_000) / 10_000,
      reason: 'delta_hedge',
      metadata: { strategy_type: 'delta_hedger' },
    });
    await expect.poll(async () => (await decisionsOf(hedgeId)).map((d) => d.status)).toEqual(['approved']);
    expect((await decisionsOf(hedgeId))[0]).toMatchObject({
      decided_by: 'auto',
      metadata: { protective: true },
    });
    await expect.poll(async () => (await fillsOf(hedgeId)).length).toBe(1);
    await expect(global).toContainText('HALTED');

    await setGlobal(page, 'Resume', 'e2e: incident over');
    await expect(global).toContainText('ACTIVE');
    await expect(global).toContainText('e2e: incident over');

    // Trading again: a new intent waits for a trader instead of being vetoed
    const after = await publishStraddleIntent(redis);
    await expect(pendingRow(page, after)).toBeVisible();
    const events = (await readStream(redis, 'risk.trading_state')).filter((e) =>
      String(e.reason).startsWith('e2e: '),
    );
    expect(events.map((e) => [e.scope, e.previous, e.state, e.changed_by])).toEqual([
      ['global', expect.any(String), 'HALTED', 'risk'],
      ['global', 'HALTED', 'ACTIVE', 'risk'],
    ]);
  });
});
