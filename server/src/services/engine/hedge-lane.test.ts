import type { StreamInput } from '@gamma/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { hedgeIntent, startTestEngine, TEST_NOW, fillOf } from '../../testing/engine-desk.ts';

type Desk = Awaited<ReturnType<typeof startTestEngine>>;
let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

/** 0.5 BTC spot held (Δ +0.5) and equity 30 % below its peak: the drawdown check fails every order. */
async function inDrawdown(env: Record<string, string> = {}): Promise<Desk> {
  desk = await startTestEngine(env);
  await desk.publish('order.fill', fillOf('grid_btc', 'BTC/USDT', 0.5));
  await desk.publish('position.update', {
    strategy_id: 'grid_btc',
    symbol: 'BTC/USDT',
    quantity: 0.5,
    avg_price: 100_000,
    unrealized_pnl: 0,
    timestamp: TEST_NOW,
    metadata: { account_quantity: 0.5 },
  });
  const risk: StreamInput<'portfolio.risk'> = {
    total_delta: 0.5,
    total_gamma: 0,
    total_vega: 0,
    total_theta: 0,
    total_rho: 0,
    position_ratio: null,
    leverage: null,
    underlying: 'BTC/USDT',
    timestamp: TEST_NOW,
    metadata: { total_value: 700_000, cash: 650_000, peak_value: 1_000_000 },
  };
  await desk.publish('portfolio.risk', risk);
  return desk;
}

const decisionOf = (d: Desk, intentId: string) =>
  d.bus.published('intent.decision').find((x) => x.intent_id === intentId);

describe('the hedge lane', () => {
  it('approves a hedge that reduces |Δ| under a drawdown breach, in manual mode, and routes it', async () => {
    const d = await inDrawdown();
    await d.publish('strategy.intent', hedgeIntent('sell', 0.475, { intent_id: 'h-1' }));
    const decision = decisionOf(d, 'h-1');
    expect(decision).toMatchObject({
      status: 'approved',
      decided_by: 'auto',
      approval_mode: 'auto',
      metadata: {
        protective: true,
        hedge: {
          protective: true,
          rule: 'reduces_delta',
          underlying: 'BTC/USDT',
          delta_before: 0.5,
          delta_after: 0.025,
          waived: ['drawdown'],
        },
        approval_policy: { mode: 'manual', level: null, rule: 'hedge_lane' },
      },
    });
    // the drawdown verdict keeps its figures, recorded as passed for the protective hedge
    expect(decision?.checks[0]).toEqual({
      check: 'drawdown',
      passed: true,
      reason_code: null,
      value: 0.3,
      limit: 0.2,
    });
    expect(d.bus.published('order.command')).toEqual([
      expect.objectContaining({ intent_id: 'h-1', symbol: 'BTC/USDT:USDT', side: 'sell', quantity: 0.475 }),
    ]);
  });

  it('vetoes a DeltaHedger intent that would raise |Δ|, for the drawdown', async () => {
    const d = await inDrawdown();
    await d.publish('strategy.intent', hedgeIntent('buy', 0.1, { intent_id: 'h-2' }));
    expect(decisionOf(d, 'h-2')).toMatchObject({
      status: 'vetoed',
      reason_codes: ['MAX_DRAWDOWN_EXCEEDED'],
      metadata: { protective: false, hedge: { rule: 'increases_delta', waived: [] } },
    });
    expect(d.bus.published('order.command')).toEqual([]);
  });

  it('leaves a protective hedge above HEDGE_AUTO_MAX_QTY to a trader, still not blocked by the drawdown', async () => {
    const d = await inDrawdown({ HEDGE_AUTO_MAX_QTY: 'BTC:0.1' });
    await d.publish('strategy.intent', hedgeIntent('sell', 0.475, { intent_id: 'h-3' }));
    expect(decisionOf(d, 'h-3')).toMatchObject({
      status: 'pending_approval',
      approval_mode: 'manual',
      metadata: { protective: true, approval_policy: { rule: 'manual_mode' } },
    });
  });

  it('records protective false on the decisions of other strategies', async () => {
    const d = await inDrawdown();
    await d.publish(
      'strategy.intent',
      hedgeIntent('sell', 0.1, { intent_id: 'g-1', strategy_id: 'grid_btc', action: 'sell', metadata: {} }),
    );
    expect(decisionOf(d, 'g-1')).toMatchObject({
      status: 'vetoed',
      reason_codes: ['MAX_DRAWDOWN_EXCEEDED'],
      metadata: { protective: false },
    });
    expect(decisionOf(d, 'g-1')?.metadata).not.toHaveProperty('hedge');
  });
});
