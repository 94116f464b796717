import { hedgeInstrumentFor } from '@gamma/shared';
import { z } from 'zod';
import { fieldsOf } from './setting.ts';
import {
  APPROVAL_MODE,
  APPROVAL_TTL_S,
  DELTA_HEDGE_INSTRUMENT,
  DELTA_THRESHOLD,
  MACRO_BROADCAST_INTERVAL_S,
  POLICY_ELEVATED_FOMO,
  POLICY_EXTREME_FOMO,
  PQ_FORECAST_HORIZON,
  PQ_MAX_FOMO_SCORE,
  RISK_MAX_ABS_DELTA,
  RISK_MAX_ABS_GAMMA,
  RISK_MAX_ABS_VEGA_USD,
  RISK_MAX_SHORT_THETA_USD,
  UNDERLYINGS,
  withHedgerThresholds,
} from './shared-settings.ts';

/** Which environment variable feeds which field of the desk settings the gateway serves. */
export const DESK_ENV = {
  underlyings: UNDERLYINGS,
  approvalMode: APPROVAL_MODE,
  approvalTtlS: APPROVAL_TTL_S,
  maxFomoScore: PQ_MAX_FOMO_SCORE,
  forecastHorizon: PQ_FORECAST_HORIZON,
  deltaThreshold: DELTA_THRESHOLD,
  hedgeInstrument: DELTA_HEDGE_INSTRUMENT,
  policyExtremeFomo: POLICY_EXTREME_FOMO,
  policyElevatedFomo: POLICY_ELEVATED_FOMO,
  macroIntervalS: MACRO_BROADCAST_INTERVAL_S,
  maxAbsDelta: RISK_MAX_ABS_DELTA,
  maxAbsGamma: RISK_MAX_ABS_GAMMA,
  maxAbsVegaUsd: RISK_MAX_ABS_VEGA_USD,
  maxShortThetaUsd: RISK_MAX_SHORT_THETA_USD,
};

/** The desk-wide settings the gateway marks and rates against (the console's view of the configuration). */
export const DeskSettingsSchema = z.strictObject({
  ...fieldsOf(DESK_ENV),
  /** Per base coin hedger thresholds (`STRATEGY_DELTA_HEDGER_<BASE>_DELTA_THRESHOLD`), coins */
  deltaThresholdByBase: z.record(z.string(), z.number().finite().positive()).default({}),
});
export type DeskSettings = z.output<typeof DeskSettingsSchema>;

/** The desk settings' section of the configuration: its variables plus the per-hedger thresholds. */
export const deskSection = withHedgerThresholds({
  owner: 'gateway',
  schema: DeskSettingsSchema,
  bindings: DESK_ENV,
});

/** Per-underlying figures the console marks and the gateway rates against, from the one configuration. */
export interface DeskConfig {
  /** `APPROVAL_MODE` */
  approval_mode: 'manual' | 'auto' | 'policy';
  /**
   * The approval policy's level bounds (`POLICY_EXTREME_FOMO`, `POLICY_ELEVATED_FOMO`, three
   * `MACRO_BROADCAST_INTERVAL_S` periods), so the console shows the level the engine applies
   */
  approval_policy: { extreme_fomo: number; elevated_fomo: number; stale_after_s: number };
  /** `APPROVAL_TTL_S` */
  approval_ttl_s: number;
  /** PQVolTrader's FOMO gate (`PQ_MAX_FOMO_SCORE`) */
  max_fomo_score: number;
  /**
   * Each configured underlying with its hedger's delta threshold (coins), hedge instrument and the engine's
   * Greek limits of the projected book (`RISK_MAX_ABS_*`, `RISK_MAX_SHORT_THETA_USD`; null = no limit)
   */
  underlyings: {
    underlying: string;
    delta_threshold: number;
    hedge_instrument: string;
    greek_limits: GreekLimits;
  }[];
}

/** The engine's Greek limits of one underlying, in the units of `portfolio.risk`; null where none is set. */
export interface GreekLimits {
  /** Largest |Δ|, coins */
  delta: number | null;
  /** Largest |Γ|, delta per 1 USD */
  gamma: number | null;
  /** Largest |vega|, USD per vol point */
  vega_usd: number | null;
  /** Largest short theta (−θ), USD a day */
  short_theta_usd: number | null;
}

/** The Greek limits of an underlying (`BTC/USDT` → the `BTC` entries). */
export function greekLimitsOf(desk: DeskSettings, underlying: string): GreekLimits {
  const base = underlying.split('/')[0]?.toUpperCase() ?? '';
  return {
    delta: desk.maxAbsDelta[base] ?? null,
    gamma: desk.maxAbsGamma[base] ?? null,
    vega_usd: desk.maxAbsVegaUsd[base] ?? null,
    short_theta_usd: desk.maxShortThetaUsd[base] ?? null,
  };
}

/**
 * The delta threshold of an underlying's hedger: `STRATEGY_DELTA_HEDGER_<BASE>_DELTA_THRESHOLD` when set,
 * else `DELTA_THRESHOLD`.
 */
export function deltaThresholdOf(desk: DeskSettings, underlying: string): number {
  const base = underlying.split('/')[0]?.toUpperCase() ?? '';
  return desk.deltaThresholdByBase[base] ?? desk.deltaThreshold;
}

/** What the console needs to know of the server's configuration (served by the `config` query). */
export function deskConfig(desk: DeskSettings): DeskConfig {
  return {
    approval_mode: desk.approvalMode,
    approval_ttl_s: desk.approvalTtlS,
    approval_policy: {
      extreme_fomo: desk.policyExtremeFomo,
      elevated_fomo: desk.policyElevatedFomo,
      stale_after_s: 3 * desk.macroIntervalS,
    },
    max_fomo_score: desk.maxFomoScore,
    underlyings: desk.underlyings.map((underlying) => ({
      underlying,
      delta_threshold: deltaThresholdOf(desk, underlying),
      hedge_instrument: hedgeInstrumentFor(desk.hedgeInstrument, underlying),
      greek_limits: greekLimitsOf(desk, underlying),
    })),
  };
}
