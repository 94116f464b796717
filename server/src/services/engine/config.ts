import { z } from 'zod';
import { readSection, withProblems, type ConfigSection } from '../../config/read-section.ts';
import { readStrategyBudgets, STRATEGY_BUDGET_FAMILIES } from '../../config/strategy-budgets.ts';
import { COIN_QUANTITIES, LIST, NUMBER } from '../../config/readers.ts';
import { fieldsOf, setting } from '../../config/setting.ts';
import {
  APPROVAL_MODE,
  APPROVAL_TTL_S,
  EXEC_MIN_EXPIRY_H,
  EXEC_PRICE_BUFFER_PCT,
  EXEC_STRANGLE_DELTA,
  MACRO_BROADCAST_INTERVAL_S,
  PAPER_INITIAL_BALANCE_USDT,
  POLICY_ELEVATED_FOMO,
  POLICY_EXTREME_FOMO,
  RISK_DAILY_LOSS_PCT,
  RISK_MAX_ABS_DELTA,
  RISK_MAX_ABS_GAMMA,
  RISK_MAX_ABS_VEGA_USD,
  RISK_MAX_SHORT_THETA_USD,
  RISK_MAX_DRAWDOWN_PCT,
  RISK_MAX_GROSS_LEVERAGE,
  RISK_MAX_POSITION_RATIO,
  RISK_MIN_POSITION_RATIO,
} from '../../config/shared-settings.ts';

/** Which environment variable feeds which field (SPEC §5, §6.1, §11). */
export const ENGINE_ENV = {
  maxDrawdownPct: RISK_MAX_DRAWDOWN_PCT,
  maxPositionRatio: RISK_MAX_POSITION_RATIO,
  minPositionRatio: RISK_MIN_POSITION_RATIO,
  maxSinglePositionPct: setting({
    variable: 'RISK_MAX_SINGLE_POSITION_PCT',
    reader: NUMBER,
    schema: z.number().finite().default(0.3),
    meaning: 'one instrument’s value / equity limit, decimal',
  }),
  maxGrossLeverage: RISK_MAX_GROSS_LEVERAGE,
  maxPositionQty: setting({
    variable: 'RISK_MAX_POSITION_QTY',
    reader: COIN_QUANTITIES,
    schema: z.record(z.string(), z.number().finite().positive()).default({ BTC: 5, ETH: 50 }),
    meaning: 'largest absolute quantity per instrument, by base coin',
  }),
  maxOrderNotionalUsd: setting({
    variable: 'RISK_MAX_ORDER_NOTIONAL_USD',
    reader: NUMBER,
    schema: z.number().finite().positive().default(250_000),
    meaning: 'largest notional of one order, Σ |quantity| × spot of the underlying over its legs, USD',
  }),
  priceBandPct: setting({
    variable: 'RISK_PRICE_BAND_PCT',
    reader: NUMBER,
    schema: z.number().finite().positive().default(0.05),
    meaning: 'largest distance of a limit price from the mark, decimal of the mark',
  }),
  priceBandVolPts: setting({
    variable: 'RISK_PRICE_BAND_VOL_PTS',
    reader: NUMBER,
    schema: z.number().finite().positive().default(10),
    meaning: 'largest distance of an option limit price’s implied vol from the surface’s IV, vol points',
  }),
  maxTickAgeS: setting({
    variable: 'RISK_MAX_TICK_AGE_S',
    reader: NUMBER,
    schema: z.number().finite().positive().default(10),
    meaning: 'oldest latest tick an order may be valued on, s',
  }),
  maxSurfaceAgeS: setting({
    variable: 'RISK_MAX_SURFACE_AGE_S',
    reader: NUMBER,
    schema: z.number().finite().positive().default(30),
    meaning: 'oldest surface an option order may be valued on, s',
  }),
  dailyLossPct: RISK_DAILY_LOSS_PCT,
  lossStreak: setting({
    variable: 'RISK_LOSS_STREAK',
    reader: NUMBER,
    schema: z.number().int().positive().default(5),
    meaning: 'losing closed trades in a row of a strategy that start its cooldown',
  }),
  lossStreakCooldownS: setting({
    variable: 'RISK_LOSS_STREAK_COOLDOWN_S',
    reader: NUMBER,
    schema: z.number().finite().positive().default(3600),
    meaning: 'how long a strategy may only reduce exposure after a loss streak, s',
  }),
  maxAbsDelta: RISK_MAX_ABS_DELTA,
  maxAbsGamma: RISK_MAX_ABS_GAMMA,
  maxAbsVegaUsd: RISK_MAX_ABS_VEGA_USD,
  maxShortThetaUsd: RISK_MAX_SHORT_THETA_USD,
  maxOrdersPerS: setting({
    variable: 'RISK_MAX_ORDERS_PER_S',
    reader: NUMBER,
    schema: z.number().finite().positive().default(100),
    meaning: 'orders the desk may send per second (a token bucket in Redis shared by every engine process)',
  }),
  maxOrdersPerSPerStrategy: setting({
    variable: 'RISK_MAX_ORDERS_PER_S_PER_STRATEGY',
    reader: NUMBER,
    schema: z.number().finite().positive().default(10),
    meaning: 'orders one strategy may send per second (a token bucket per strategy in Redis)',
  }),
  duplicateWindowS: setting({
    variable: 'RISK_DUPLICATE_WINDOW_S',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(5),
    meaning:
      'an intent of the same strategy, symbol and action within this many seconds of an accepted one is a duplicate, s (0: off)',
  }),
  approvalMode: APPROVAL_MODE,
  autoApproveActions: setting({
    variable: 'AUTO_APPROVE_ACTIONS',
    reader: LIST,
    schema: z.array(z.string()).default([]),
    whenEmpty: 'none',
    meaning: 'actions approved automatically even in manual mode, e.g. `delta_hedge`',
  }),
  approvalTtlS: APPROVAL_TTL_S,
  policyExtremeFomo: POLICY_EXTREME_FOMO,
  policyElevatedFomo: POLICY_ELEVATED_FOMO,
  policyAutoMaxNotionalUsd: setting({
    variable: 'POLICY_AUTO_MAX_NOTIONAL_USD',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(25_000),
    meaning:
      'approval policy, normal level: an exposure-increasing intent up to this notional (Σ quantity × spot), USD, is approved automatically',
  }),
  macroIntervalS: MACRO_BROADCAST_INTERVAL_S,
  fourEyesNotionalUsd: setting({
    variable: 'FOUR_EYES_NOTIONAL_USD',
    reader: NUMBER,
    schema: z.number().finite().nonnegative().default(100_000),
    meaning:
      'four-eyes: an intent whose notional (Σ |quantity| × spot, as `order_notional`) is above this, USD, needs two distinct traders',
  }),
  fourEyesActions: setting({
    variable: 'FOUR_EYES_ACTIONS',
    reader: LIST,
    schema: z.array(z.string()).default(['sell_straddle', 'sell_strangle']),
    whenEmpty: 'none',
    meaning:
      'four-eyes: actions that always need two distinct traders (default: the unbounded short gamma ones)',
  }),
  hedgeAutoMaxQty: setting({
    variable: 'HEDGE_AUTO_MAX_QTY',
    reader: COIN_QUANTITIES,
    schema: z.record(z.string(), z.number().finite().positive()).default({ BTC: 1, ETH: 10 }),
    meaning:
      'hedge lane: a protective delta hedge up to this quantity, by base coin, is approved automatically in every approval mode (an unlisted coin: never)',
  }),
  minExpiryHours: EXEC_MIN_EXPIRY_H,
  strangleDelta: EXEC_STRANGLE_DELTA,
  priceBufferPct: EXEC_PRICE_BUFFER_PCT,
  initialBalanceUsdt: PAPER_INITIAL_BALANCE_USDT,
  legacySignalDefaultQty: setting({
    variable: 'LEGACY_SIGNAL_DEFAULT_QTY',
    reader: NUMBER,
    schema: z.number().finite().default(0.1),
    meaning: 'quantity of a legacy signal without one',
  }),
};

/** Configuration of the engine (SPEC §5): risk limits, approval policy, leg valuation. `{}` parses to the defaults. */
const BudgetSchema = z.strictObject({
  maxNotionalUsd: z.number().finite().positive().optional(),
  maxPremiumUsd: z.number().finite().positive().optional(),
});

export const EngineConfigSchema = z
  .strictObject({
    ...fieldsOf(ENGINE_ENV),
    /** Strategy id → its budget (`STRATEGY_<ID>_MAX_NOTIONAL_USD`, `STRATEGY_<ID>_MAX_PREMIUM_USD`) */
    strategyBudgets: z.record(z.string(), BudgetSchema).default({}),
  })
  .refine((c) => c.policyElevatedFomo <= c.policyExtremeFomo, {
    path: ['policyElevatedFomo'],
    message: 'must not be above POLICY_EXTREME_FOMO',
  });
export type EngineServiceConfig = z.output<typeof EngineConfigSchema>;

/** The engine's section of the configuration: its settings and the strategies' budgets, read from the environment. */
export const engineSection: ConfigSection<EngineServiceConfig> = {
  settings: Object.values(ENGINE_ENV),
  families: STRATEGY_BUDGET_FAMILIES,
  read(source) {
    const { budgets, problems } = readStrategyBudgets(source);
    const spec = { owner: 'engine', schema: EngineConfigSchema, bindings: ENGINE_ENV };
    return withProblems(readSection(spec, source, { strategyBudgets: budgets }), problems);
  },
};
