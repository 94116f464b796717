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
  /** Each configured underlying with its hedger's delta threshold (coins) and hedge instrument */
  underlyings: { underlying: string; delta_threshold: number; hedge_instrument: string }[];
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
    })),
  };
}
