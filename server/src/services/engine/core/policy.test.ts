import { describe, expect, it } from 'vitest';
import { chooseApproval, type ApprovalInput, type ApprovalPolicyConfig } from './policy.ts';

const NOW = 1_000_000_000;
const config = (over: Partial<ApprovalPolicyConfig> = {}): ApprovalPolicyConfig => ({
  mode: 'policy',
  autoApproveActions: [],
  extremeFomo: 0.8,
  elevatedFomo: 0.5,
  staleAfterMs: 180_000,
  autoMaxNotionalUsd: 25_000,
  hedgeAutoMaxQty: { BTC: 1, ETH: 10 },
  ...over,
});
const input = (over: Partial<ApprovalInput> = {}): ApprovalInput => ({
  action: 'buy',
  symbol: 'BTC/USDT',
  quantity: 0.1,
  protective: false,
  reducing: false,
  notionalUsd: 10_000,
  fourEyes: false,
  macro: { regime: 'bull', fomo: 0.2, atMs: NOW },
  nowMs: NOW,
  ...over,
});
const choose = (i: Partial<ApprovalInput> = {}, c: Partial<ApprovalPolicyConfig> = {}) =>
  chooseApproval(input(i), config(c));
const calm = { regime: 'bull', fomo: 0.2, atMs: NOW };
const elevated = { regime: 'bear', fomo: 0.2, atMs: NOW };
const extreme = { regime: 'panic', fomo: 0.9, atMs: NOW };

describe('chooseApproval', () => {
  describe('the hedge lane', () => {
    const hedge = { action: 'delta_hedge', symbol: 'BTC/USDT:USDT', protective: true, reducing: true };

    it('approves a protective hedge up to HEDGE_AUTO_MAX_QTY in every mode and level', () => {
      for (const mode of ['manual', 'auto', 'policy'] as const)
        for (const macro of [calm, elevated, extreme, null])
          expect(choose({ ...hedge, quantity: 1, macro }, { mode })).toMatchObject({
            mode: 'auto',
            record: { mode, rule: 'hedge_lane' },
          });
      expect(choose({ ...hedge, symbol: 'ETH/USDT:USDT', quantity: 10 }, { mode: 'manual' }).mode).toBe(
        'auto',
      );
    });

    it('sends a larger hedge, or one of a coin without a cap, the normal way', () => {
      expect(choose({ ...hedge, quantity: 1.001 }, { mode: 'manual' }).record.rule).toBe('manual_mode');
      expect(choose({ ...hedge, quantity: 1.001 }, { mode: 'policy' }).record.rule).toBe('reduces_exposure');
      expect(choose({ ...hedge, symbol: 'SOL/USDT:USDT', quantity: 0.1 }, { mode: 'manual' }).mode).toBe(
        'manual',
      );
    });

    it('does not apply to a DeltaHedger intent that is not protective', () => {
      expect(choose({ ...hedge, protective: false, reducing: false }, { mode: 'manual' }).mode).toBe(
        'manual',
      );
    });
  });

  describe('manual and auto modes', () => {
    it('records the mode and rule with no level, and the macro figures the engine holds', () => {
      expect(choose({}, { mode: 'manual' })).toEqual({
        mode: 'manual',
        record: {
          mode: 'manual',
          level: null,
          regime: 'bull',
          fomo: 0.2,
          rule: 'manual_mode',
          level_rule: null,
        },
      });
      expect(choose({ macro: null }, { mode: 'auto' })).toEqual({
        mode: 'auto',
        record: { mode: 'auto', level: null, regime: null, fomo: null, rule: 'auto_mode', level_rule: null },
      });
      expect(
        choose({ action: 'grid_buy' }, { mode: 'manual', autoApproveActions: ['grid_buy'] }),
      ).toMatchObject({
        mode: 'auto',
        record: { rule: 'auto_action' },
      });
    });
  });

  describe('policy mode, normal level', () => {
    it('approves an increasing intent up to POLICY_AUTO_MAX_NOTIONAL_USD inclusive, leaves a larger one pending', () => {
      expect(choose({ notionalUsd: 25_000 })).toMatchObject({
        mode: 'auto',
        record: { level: 'normal', rule: 'within_auto_notional', level_rule: 'calm' },
      });
      expect(choose({ notionalUsd: 25_000.01 })).toMatchObject({
        mode: 'manual',
        record: { level: 'normal', rule: 'over_auto_notional' },
      });
      expect(choose({ notionalUsd: null }).mode).toBe('manual');
    });

    it('approves a reducing intent whatever its notional', () => {
      expect(choose({ reducing: true, notionalUsd: 1e9 })).toMatchObject({
        mode: 'auto',
        record: { rule: 'reduces_exposure' },
      });
    });
  });

  describe('policy mode, elevated and extreme levels', () => {
    it('leaves every increasing intent pending, however small, and approves reducing ones', () => {
      for (const macro of [
        elevated,
        extreme,
        null,
        { ...calm, atMs: NOW - 180_001 },
        { ...calm, fomo: 0.5 },
      ]) {
        expect(choose({ macro, notionalUsd: 1 })).toMatchObject({
          mode: 'manual',
          record: { rule: 'increases_exposure' },
        });
        expect(choose({ macro, reducing: true }).mode).toBe('auto');
      }
    });

    it('records the level, regime, FOMO and why', () => {
      expect(choose({ macro: extreme }).record).toEqual({
        mode: 'policy',
        level: 'extreme',
        regime: 'panic',
        fomo: 0.9,
        rule: 'increases_exposure',
        level_rule: 'regime_panic',
      });
      expect(choose({ macro: null }).record).toMatchObject({
        level: 'elevated',
        level_rule: 'no_macro_state',
      });
    });
  });

  describe('an intent that needs four eyes', () => {
    it('is never approved by the policy at any level, reducing or within the auto notional', () => {
      for (const macro of [calm, elevated, extreme, null]) {
        expect(choose({ macro, fourEyes: true, notionalUsd: 1 })).toMatchObject({
          mode: 'manual',
          record: { mode: 'policy', rule: 'four_eyes' },
        });
        expect(choose({ macro, fourEyes: true, reducing: true }).mode).toBe('manual');
      }
    });

    it('is still approved by the hedge lane, APPROVAL_MODE=auto and AUTO_APPROVE_ACTIONS', () => {
      const hedge = { action: 'delta_hedge', protective: true, reducing: true, quantity: 1, fourEyes: true };
      expect(choose(hedge).record.rule).toBe('hedge_lane');
      expect(choose({ fourEyes: true }, { mode: 'auto' }).record.rule).toBe('auto_mode');
      expect(
        choose({ action: 'sell_straddle', fourEyes: true }, { autoApproveActions: ['sell_straddle'] }).record
          .rule,
      ).toBe('auto_action');
      expect(choose({ fourEyes: true }, { mode: 'manual' })).toMatchObject({
        mode: 'manual',
        record: { rule: 'manual_mode' },
      });
    });
  });
});
