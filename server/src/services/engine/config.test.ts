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
      approvalMode: 'manual',
      autoApproveActions: [],
      approvalTtlS: 120,
      minExpiryHours: 24,
      strangleDelta: 0.25,
      priceBufferPct: 0.01,
      initialBalanceUsdt: 100_000,
      legacySignalDefaultQty: 0.1,
    });
  });

  it('rejects an unknown key', () => {
    expect(EngineConfigSchema.safeParse({ maxDrawdown: 0.1 }).success).toBe(false);
  });

  it('takes RISK_*, APPROVAL_*, AUTO_APPROVE_ACTIONS and EXEC_* from the environment', () => {
    const { engine } = loadConfig({
      RISK_MAX_POSITION_QTY: 'btc:2, SOL:100',
      APPROVAL_MODE: 'auto',
      AUTO_APPROVE_ACTIONS: 'delta_hedge, grid_buy',
      EXEC_STRANGLE_DELTA: '0.3',
    });
    expect(engine).toMatchObject({
      maxPositionQty: { BTC: 2, SOL: 100 },
      approvalMode: 'auto',
      autoApproveActions: ['delta_hedge', 'grid_buy'],
      strangleDelta: 0.3,
    });
  });
});
