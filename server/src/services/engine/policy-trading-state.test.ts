import type { TradingState } from '@gamma/shared';
import { createMacroState } from '@gamma/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_NOW } from '../../testing/engine-desk.ts';
import { policyStateChange } from './core/policy-trading-state.ts';

type Desk = Awaited<ReturnType<typeof startTestEngine>>;
const desks: Desk[] = [];
afterEach(async () => {
  for (const d of desks.splice(0).reverse()) await d.close();
});

const POLICY = { APPROVAL_MODE: 'policy' };
const macro = (regime: string, fomo: number | null) =>
  createMacroState({ macro_regime: regime, fomo_score: fomo, timestamp: TEST_NOW });
const globalState = async (d: Desk) =>
  (await d.stores.tradingStates.list()).find((s) => s.scope === 'global');
const events = (d: Desk) => d.bus.published('risk.trading_state');
const setBy = (d: Desk, state: TradingState, by: string) =>
  d.stores.tradingStates.set({
    scope: 'global',
    key: null,
    state,
    reason: 'desk call',
    changedBy: by,
    at: TEST_NOW,
  });

describe('policyStateChange', () => {
  const at = (level: 'normal' | 'elevated' | 'extreme') =>
    policyStateChange({ level, rule: level === 'extreme' ? 'regime_panic' : 'calm' }, null);

  it('wants REDUCING at extreme, only over ACTIVE', () => {
    const change = at('extreme');
    expect(change.state).toBe('REDUCING');
    expect(change.reason).toBe('approval policy: extreme (regime_panic; no macro state)');
    expect(change.when('ACTIVE', null)).toBe(true);
    expect(change.when('REDUCING', { changed_by: 'alice' })).toBe(false);
    expect(change.when('HALTED', { changed_by: 'alice' })).toBe(false);
  });

  it('wants ACTIVE below extreme, only over its own REDUCING', () => {
    for (const change of [at('normal'), at('elevated')]) {
      expect(change.state).toBe('ACTIVE');
      expect(change.when('REDUCING', { changed_by: 'approval_policy' })).toBe(true);
      expect(change.when('REDUCING', { changed_by: 'alice' })).toBe(false);
      expect(change.when('REDUCING', { changed_by: 'kill_switch' })).toBe(false);
      expect(change.when('HALTED', { changed_by: 'approval_policy' })).toBe(false);
    }
  });
});

describe('APPROVAL_MODE=policy and the global trading state', () => {
  it('sets REDUCING once at extreme across two engines, and lifts it once when calm returns', async () => {
    const a = await startTestEngine(POLICY);
    desks.push(a);
    desks.push(await startTestEngine(POLICY, a));
    await a.publish('market.macro_state', macro('panic', 0.4));
    await expect
      .poll(() => globalState(a))
      .toMatchObject({ state: 'REDUCING', changed_by: 'approval_policy' });
    await a.publish('market.macro_state', macro('panic', 0.5));
    await a.publish('market.macro_state', macro('bull', 0.1));
    await expect.poll(() => globalState(a)).toMatchObject({ state: 'ACTIVE', changed_by: 'approval_policy' });
    // both engines have applied every macro state before the events are counted
    await expect
      .poll(() => [a, ...desks].every((x) => x.engine.stateView().macro?.regime === 'bull'))
      .toBe(true);
    await expect
      .poll(() => events(a).map((e) => [e.previous, e.state, e.changed_by]))
      .toEqual([
        ['ACTIVE', 'REDUCING', 'approval_policy'],
        ['REDUCING', 'ACTIVE', 'approval_policy'],
      ]);
    expect(events(a)[0]?.reason).toBe('approval policy: extreme (regime_panic; regime panic, FOMO 0.40)');
  });

  it('never lifts a HALTED or a REDUCING a person set', async () => {
    const d = await startTestEngine(POLICY);
    desks.push(d);
    const applied = (fomo: number) => expect.poll(() => d.engine.stateView().macro?.fomo).toBe(fomo);
    await d.publish('market.macro_state', macro('chop', 0.9));
    await expect
      .poll(() => globalState(d))
      .toMatchObject({ state: 'REDUCING', changed_by: 'approval_policy' });
    await setBy(d, 'HALTED', 'alice');
    await d.publish('market.macro_state', macro('bull', 0.1));
    await applied(0.1);
    expect(await globalState(d)).toMatchObject({ state: 'HALTED', changed_by: 'alice' });
    await setBy(d, 'ACTIVE', 'alice');
    await setBy(d, 'REDUCING', 'bob');
    await d.publish('market.macro_state', macro('panic', 0.95));
    await applied(0.95);
    await d.publish('market.macro_state', macro('bull', 0.2));
    await applied(0.2);
    expect(await globalState(d)).toMatchObject({ state: 'REDUCING', changed_by: 'bob' });
  });

  it('leaves the trading state alone under manual and auto approval', async () => {
    for (const mode of ['manual', 'auto']) {
      const d = await startTestEngine({ APPROVAL_MODE: mode });
      desks.push(d);
      await d.publish('market.macro_state', macro('panic', 0.95));
      await expect.poll(() => d.engine.stateView().macro?.fomo).toBe(0.95);
      expect(await globalState(d)).toBeUndefined();
    }
  });
});
