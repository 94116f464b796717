import type { EngineServiceConfig } from './config.ts';
import type { EngineConfig } from './core/evaluate.ts';

/** What the engine's core reads of the engine's section of the configuration. */
export function engineConfigFrom(config: EngineServiceConfig): EngineConfig {
  return {
    capacity: {
      maxOrdersPerS: config.maxOrdersPerS,
      maxOrdersPerSPerStrategy: config.maxOrdersPerSPerStrategy,
      duplicateWindowS: config.duplicateWindowS,
      budgets: config.strategyBudgets,
    },
    limits: {
      maxDrawdownPct: config.maxDrawdownPct,
      maxPositionRatio: config.maxPositionRatio,
      minPositionRatio: config.minPositionRatio,
      maxSinglePositionPct: config.maxSinglePositionPct,
      maxGrossLeverage: config.maxGrossLeverage,
      maxPositionQty: config.maxPositionQty,
      maxAbsDelta: config.maxAbsDelta,
      maxAbsGamma: config.maxAbsGamma,
      maxAbsVegaUsd: config.maxAbsVegaUsd,
      maxShortThetaUsd: config.maxShortThetaUsd,
    },
    catalogue: {
      maxOrderNotionalUsd: config.maxOrderNotionalUsd,
      priceBandPct: config.priceBandPct,
      priceBandVolPts: config.priceBandVolPts,
      maxTickAgeS: config.maxTickAgeS,
      maxSurfaceAgeS: config.maxSurfaceAgeS,
      dailyLossPct: config.dailyLossPct,
      lossStreak: config.lossStreak,
      lossStreakCooldownS: config.lossStreakCooldownS,
    },
    policy: {
      mode: config.approvalMode,
      autoApproveActions: config.autoApproveActions,
      extremeFomo: config.policyExtremeFomo,
      elevatedFomo: config.policyElevatedFomo,
      // Three broadcast periods without a new state: the policy reads it as stale
      staleAfterMs: 3 * config.macroIntervalS * 1000,
      autoMaxNotionalUsd: config.policyAutoMaxNotionalUsd,
      hedgeAutoMaxQty: config.hedgeAutoMaxQty,
    },
    fourEyes: { notionalUsd: config.fourEyesNotionalUsd, actions: config.fourEyesActions },
    approvalTtlS: config.approvalTtlS,
    minExpiryHours: config.minExpiryHours,
    strangleDelta: config.strangleDelta,
    priceBufferPct: config.priceBufferPct,
  };
}
