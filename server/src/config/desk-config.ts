import { hedgeInstrumentFor } from '@gamma/shared';
import type { Env } from './env.ts';

/** Per-underlying figures the console marks and the gateway rates against, from the one configuration. */
export interface DeskConfig {
  /** `APPROVAL_MODE` */
  approval_mode: 'manual' | 'auto';
  /** `APPROVAL_TTL_S` */
  approval_ttl_s: number;
  /** PQVolTrader's FOMO gate (`PQ_MAX_FOMO_SCORE`) */
  max_fomo_score: number;
  /** Each configured underlying with its hedger's delta threshold (coins) and hedge instrument */
  underlyings: { underlying: string; delta_threshold: number; hedge_instrument: string }[];
}

/**
 * The delta threshold of an underlying's hedger: `STRATEGY_DELTA_HEDGER_<BASE>_DELTA_THRESHOLD` when set
 * (validated at start by the strategy runner), else `DELTA_THRESHOLD`.
 */
export function deltaThresholdOf(env: Env, underlying: string): number {
  const base = underlying.split('/')[0]?.toUpperCase() ?? '';
  const override = Number(env.strategyOverrides[`STRATEGY_DELTA_HEDGER_${base}_DELTA_THRESHOLD`]);
  return Number.isFinite(override) && override > 0 ? override : env.DELTA_THRESHOLD;
}

/** What the console needs to know of the server's configuration (served by the `config` query). */
export function deskConfig(env: Env): DeskConfig {
  return {
    approval_mode: env.APPROVAL_MODE,
    approval_ttl_s: env.APPROVAL_TTL_S,
    max_fomo_score: env.PQ_MAX_FOMO_SCORE,
    underlyings: env.UNDERLYINGS.map((underlying) => ({
      underlying,
      delta_threshold: deltaThresholdOf(env, underlying),
      hedge_instrument: hedgeInstrumentFor(env.DELTA_HEDGE_INSTRUMENT, underlying),
    })),
  };
}
