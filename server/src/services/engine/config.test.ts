import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { EngineConfigSchema } from './config.ts';

describe('EngineConfigSchema', () => {
  it('parses {} to the SPEC defaults', () => {
    expect(EngineConfigSchema.parse({})).toEqual({
      maxDrawdownPct: 0.2,
      maxPositionRatio: 0.8,
      minPositionRatio: 0.1,
      maxSinglePositionPct: 0.3,
      maxGrossLeverage: 3,
      maxPositionQty: { BTC: 5, ETH: 50 },
      maxOrderNotionalUsd: 250_000,
      priceBandPct: 0.05,
      priceBandVolPts: 10,
      maxTickAgeS: 10,
      maxSurfaceAgeS: 30,
      dailyLossPct: 0.05,
      lossStreak: 5,
      lossStreakCooldownS: 3600,
      maxAbsDelta: { BTC: 2, ETH: 20 },
      maxAbsGamma: { BTC: 0.0004, ETH: 0.13 },
      maxAbsVegaUsd: { BTC: 5000, ETH: 2000 },
      maxShortThetaUsd: { BTC: 2500, ETH: 1000 },
      approvalMode: 'manual',
      autoApproveActions: [],
      approvalTtlS: 120,
      policyExtremeFomo: 0.8,
      policyElevatedFomo: 0.5,
      policyAutoMaxNotionalUsd: 25_000,
      macroIntervalS: 60,
      fourEyesNotionalUsd: 100_000,
      fourEyesActions: ['sell_straddle', 'sell_strangle'],
      hedgeAutoMaxQty: { BTC: 1, ETH: 10 },
      minExpiryHours: 24,
      strangleDelta: 0.25,
      priceBufferPct: 0.01,
      initialBalanceUsdt: 100_000,
      legacySignalDefaultQty: 0.1,
      maxOrdersPerS: 100,
      maxOrdersPerSPerStrategy: 10,
      duplicateWindowS: 5,
      strategyBudgets: {},
    });
  });

  it('takes APPROVAL_MODE=policy with its POLICY_* bounds and HEDGE_AUTO_MAX_QTY', () => {
    const { engine } = loadConfig({
      APPROVAL_MODE: 'policy',
      POLICY_EXTREME_FOMO: '0.9',
      POLICY_ELEVATED_FOMO: '0.6',
      POLICY_AUTO_MAX_NOTIONAL_USD: '10000',
      HEDGE_AUTO_MAX_QTY: 'btc:0.5',
    });
    expect(engine).toMatchObject({
      approvalMode: 'policy',
      policyExtremeFomo: 0.9,
      policyElevatedFomo: 0.6,
      policyAutoMaxNotionalUsd: 10_000,
      hedgeAutoMaxQty: { BTC: 0.5 },
    });
  });

  it('refuses an unknown mode, a FOMO bound outside 0…1 and an elevated bound above the extreme one', () => {
    expect(() => loadConfig({ APPROVAL_MODE: 'regime' })).toThrow(/APPROVAL_MODE/);
    expect(() => loadConfig({ POLICY_EXTREME_FOMO: '1.2' })).toThrow(/POLICY_EXTREME_FOMO/);
    expect(() => loadConfig({ POLICY_ELEVATED_FOMO: '0.9' })).toThrow(/POLICY_ELEVATED_FOMO/);
    expect(() => loadConfig({ HEDGE_AUTO_MAX_QTY: 'BTC:-1' })).toThrow(/HEDGE_AUTO_MAX_QTY/);
  });

  it('refuses a Greek limit that is not COIN:positive number', () => {
    expect(() => loadConfig({ RISK_MAX_ABS_DELTA: 'BTC:-1' })).toThrow(/RISK_MAX_ABS_DELTA/);
  });

  it('rejects an unknown key', () => {
    expect(EngineConfigSchema.safeParse({ maxDrawdown: 0.1 }).success).toBe(false);
  });

  it('takes RISK_*, APPROVAL_*, AUTO_APPROVE_ACTIONS and EXEC_* from the environment', () => {
    const { engine } = loadConfig({
      RISK_MAX_POSITION_QTY: 'btc:2, SOL:100',
      RISK_MAX_ABS_VEGA_USD: 'BTC:800',
      RISK_MAX_SHORT_THETA_USD: 'ETH:50',
      APPROVAL_MODE: 'auto',
      AUTO_APPROVE_ACTIONS: 'delta_hedge, grid_buy',
      EXEC_STRANGLE_DELTA: '0.3',
    });
    expect(engine).toMatchObject({
      maxPositionQty: { BTC: 2, SOL: 100 },
      maxAbsVegaUsd: { BTC: 800 },
      maxShortThetaUsd: { ETH: 50 },
      approvalMode: 'auto',
      autoApproveActions: ['delta_hedge', 'grid_buy'],
      strangleDelta: 0.3,
    });
  });

  it('reads STRATEGY_<ID>_MAX_NOTIONAL_USD / _MAX_PREMIUM_USD as the budget of any strategy id', () => {
    const env = { STRATEGIES: 'grid:BTC/USDT', STRATEGY_GRID_BTC_MAX_NOTIONAL_USD: '25000' };
    expect(loadConfig({ ...env, STRATEGY_GRID_BTC_MAX_PREMIUM_USD: '1e3' }).engine.strategyBudgets).toEqual({
      grid_btc: { maxNotionalUsd: 25_000, maxPremiumUsd: 1_000 },
    });
    expect(() => loadConfig({ ...env, STRATEGY_GRID_BTC_MAX_PREMIUM_USD: '-1' })).toThrow(
      /STRATEGY_GRID_BTC_MAX_PREMIUM_USD: invalid value "-1"/,
    );
    // an external producer's strategy (not a runner instance) has a budget too; a typo of a key does not pass
    expect(loadConfig({ STRATEGY_EXTERNAL_DESK_MAX_NOTIONAL_USD: '5' }).engine.strategyBudgets).toEqual({
      external_desk: { maxNotionalUsd: 5 },
    });
    expect(() => loadConfig({ ...env, STRATEGY_GRID_BTC_MAX_NOTIONAL: '5' })).toThrow(
      /STRATEGY_GRID_BTC_MAX_NOTIONAL: unknown setting/,
    );
  });
});
