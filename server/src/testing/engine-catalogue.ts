import type { CatalogueLimits, CheckInput, OrderContext } from '../services/engine/core/types.ts';

/** The catalogue limits at their defaults (README "Configuration"). */
export const DEFAULT_CATALOGUE_LIMITS: CatalogueLimits = {
  maxOrderNotionalUsd: 250_000,
  priceBandPct: 0.05,
  priceBandVolPts: 10,
  maxTickAgeS: 10,
  maxSurfaceAgeS: 30,
  dailyLossPct: 0.05,
  lossStreak: 5,
  lossStreakCooldownS: 3600,
};

/** A context every catalogue check passes: fresh data, no day start known, no loss streak. */
export const calmContext = (nowMs = 0): OrderContext => ({
  dataAges: { tickS: 0, surfaceS: null, needsSurface: false },
  dayStartEquity: null,
  lossStreak: { losses: 0, cooldownUntilMs: null },
  nowMs,
});

/** The catalogue part of a check input that passes, with the notional limit out of the way. */
export const calmCatalogue = (): CheckInput['catalogue'] => ({
  limits: { ...DEFAULT_CATALOGUE_LIMITS, maxOrderNotionalUsd: 1e15 },
  context: calmContext(),
});
