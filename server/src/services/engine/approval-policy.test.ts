import { createMacroState } from '@gamma/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { fillOf, spotIntentOf, startTestEngine, TEST_NOW, tickAt } from '../../testing/engine-desk.ts';

type Desk = Awaited<ReturnType<typeof startTestEngine>>;
let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const POLICY = { APPROVAL_MODE: 'policy', RISK_MIN_POSITION_RATIO: '0' };
const macro = (regime: string, fomo: number | null, timestamp = TEST_NOW) =>
  createMacroState({ macro_regime: regime, fomo_score: fomo, timestamp });
const decisionOf = (d: Desk, intentId: string) =>
  d.bus.published('intent.decision').find((x) => x.intent_id === intentId);

describe('APPROVAL_MODE=policy', () => {
  it('is elevated before any macro state: a small buy waits for a trader', async () => {
    const d = (desk = await startTestEngine(POLICY));
    await d.publish('strategy.intent', spotIntentOf({ intent_id: 'a' }));
    expect(decisionOf(d, 'a')).toMatchObject({
      status: 'pending_approval',
      approval_mode: 'manual',
      metadata: {
        approval_policy: {
          mode: 'policy',
          level: 'elevated',
          regime: null,
          fomo: null,
          rule: 'increases_exposure',
          level_rule: 'no_macro_state',
        },
      },
    });
  });

  it('at the normal level approves up to POLICY_AUTO_MAX_NOTIONAL_USD and leaves a larger buy pending', async () => {
    const d = (desk = await startTestEngine(POLICY));
    await d.publish('market.macro_state', macro('bull', 0.2));
    // the larger first: a pending intent reserves nothing, so the smaller meets the same book
    await d.publish('strategy.intent', spotIntentOf({ intent_id: 'large', quantity: 0.26 }));
    await d.publish('strategy.intent', spotIntentOf({ intent_id: 'small', quantity: 0.25 }));
    expect(decisionOf(d, 'small')).toMatchObject({
      status: 'approved',
      decided_by: 'auto',
      metadata: {
        approval_policy: { level: 'normal', regime: 'bull', fomo: 0.2, rule: 'within_auto_notional' },
      },
    });
    expect(decisionOf(d, 'large')).toMatchObject({
      status: 'pending_approval',
      metadata: { approval_policy: { level: 'normal', rule: 'over_auto_notional' } },
    });
  });

  it('follows the newest macro state: FOMO 0.85 is extreme, a stale calm state is elevated', async () => {
    const d = (desk = await startTestEngine(POLICY));
    await d.publish('market.macro_state', macro('chop', 0.85));
    await d.publish('strategy.intent', spotIntentOf({ intent_id: 'x' }));
    expect(decisionOf(d, 'x')?.metadata.approval_policy).toMatchObject({
      level: 'extreme',
      level_rule: 'fomo_extreme',
    });
    await d.publish('market.macro_state', macro('chop', 0.1));
    d.clock.advance(180_001);
    // a fresh tick: market_data_age vetoes an order valued on a tick older than RISK_MAX_TICK_AGE_S
    await d.publish('market.tick', {
      ...tickAt('BTC/USDT', 100_000),
      timestamp: new Date(d.clock.now()).toISOString(),
    });
    await d.publish('strategy.intent', spotIntentOf({ intent_id: 'y' }));
    expect(decisionOf(d, 'y')).toMatchObject({
      status: 'pending_approval',
      metadata: { approval_policy: { level: 'elevated', level_rule: 'macro_state_stale' } },
    });
  });

  it('approves an exposure-reducing sell at the elevated level whatever its size', async () => {
    const d = (desk = await startTestEngine(POLICY));
    await d.publish('order.fill', fillOf('grid_btc', 'BTC/USDT', 0.5));
    await d.publish('position.update', {
      strategy_id: 'grid_btc',
      symbol: 'BTC/USDT',
      quantity: 0.5,
      avg_price: 100_000,
      unrealized_pnl: 0,
      timestamp: TEST_NOW,
      metadata: { account_quantity: 0.5 },
    });
    await d.publish('market.macro_state', macro('bear', 0.3));
    await d.publish(
      'strategy.intent',
      spotIntentOf({ intent_id: 's', action: 'sell', direction: 'sell', quantity: 0.4 }),
    );
    expect(decisionOf(d, 's')).toMatchObject({
      status: 'approved',
      metadata: {
        approval_policy: { level: 'elevated', rule: 'reduces_exposure', level_rule: 'regime_elevated' },
      },
    });
  });

  it('ignores a per-symbol macro state and an older one', async () => {
    const d = (desk = await startTestEngine(POLICY));
    await d.publish('market.macro_state', macro('bull', 0.1));
    await d.publish('market.macro_state', { ...macro('panic', 0.9), symbol: 'BTC/USDT' });
    await d.publish('market.macro_state', macro('panic', 0.9, '2026-03-02T09:00:00.000Z'));
    expect(d.engine.stateView().macro).toEqual({ regime: 'bull', fomo: 0.1, atMs: Date.parse(TEST_NOW) });
  });

  it('records the mode with no level under manual approval', async () => {
    const d = (desk = await startTestEngine());
    await d.publish('market.macro_state', macro('bull', 0.1));
    await d.publish('strategy.intent', spotIntentOf({ intent_id: 'm' }));
    expect(decisionOf(d, 'm')?.metadata.approval_policy).toEqual({
      mode: 'manual',
      level: null,
      regime: 'bull',
      fomo: 0.1,
      rule: 'manual_mode',
      level_rule: null,
    });
  });
});
