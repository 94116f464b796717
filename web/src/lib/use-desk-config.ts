import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

/** The engine's Greek limits of one underlying, as the `config` query serves them. */
export interface GreekLimits {
  delta: number | null;
  gamma: number | null;
  vega_usd: number | null;
  short_theta_usd: number | null;
}

const NO_LIMITS: GreekLimits = { delta: null, gamma: null, vega_usd: null, short_theta_usd: null };

/** SPEC defaults shown until the server's `config` answers (and if it cannot be reached). */
const DEFAULTS = {
  maxFomoScore: 0.7,
  deltaThreshold: 0.05,
  approvalPolicy: { extreme_fomo: 0.8, elevated_fomo: 0.5, stale_after_s: 180 },
};

/**
 * The server's desk configuration: the FOMO gate, the approval mode and policy bounds and, per underlying,
 * the delta threshold and hedge instrument.
 */
export function useDeskConfig() {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.config.queryOptions(), staleTime: Infinity });
  const byUnderlying = new Map(data?.underlyings.map((u) => [u.underlying, u]) ?? []);
  return {
    /** The configured underlyings (`UNDERLYINGS`), in order; empty until `config` answers */
    underlyings: data?.underlyings.map((u) => u.underlying) ?? [],
    maxFomoScore: data?.max_fomo_score ?? DEFAULTS.maxFomoScore,
    approval: {
      mode: data?.approval_mode ?? 'manual',
      extremeFomo: (data?.approval_policy ?? DEFAULTS.approvalPolicy).extreme_fomo,
      elevatedFomo: (data?.approval_policy ?? DEFAULTS.approvalPolicy).elevated_fomo,
      staleAfterS: (data?.approval_policy ?? DEFAULTS.approvalPolicy).stale_after_s,
    },
    deltaThresholdOf: (underlying: string): number =>
      byUnderlying.get(underlying)?.delta_threshold ?? DEFAULTS.deltaThreshold,
    /** The engine's Greek limits of an underlying (null each where none is set, or until `config` answers) */
    greekLimitsOf: (underlying: string): GreekLimits =>
      byUnderlying.get(underlying)?.greek_limits ?? NO_LIMITS,
    hedgeInstrumentOf: (underlying: string): string =>
      byUnderlying.get(underlying)?.hedge_instrument ?? `${underlying.split('/')[0] ?? underlying}/USDT:USDT`,
  };
}
