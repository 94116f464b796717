/** Seconds in the 365-day year used by every year fraction (SPEC §9). */
export const SECONDS_PER_YEAR = 365 * 86_400;

/** A mean-reverting (Ornstein–Uhlenbeck) process, described in operator units. */
export interface OuParams {
  /** Level it reverts to */
  mean: number;
  /** Stationary standard deviation */
  sd: number;
  /** Time for a deviation from the mean to halve, seconds */
  halfLifeS: number;
}

/** One move of an OU process: from `x`, over `dtS` seconds, driven by the standard normal `z`. */
export interface OuMove {
  x: number;
  dtS: number;
  z: number;
}

/**
 * One exact OU step: the deviation from the mean decays by 2^(−dt/halfLife) and the noise keeps
 * the stationary deviation at `sd`.
 */
export function ouStep(p: OuParams, { x, dtS, z }: OuMove): number {
  if (!(dtS > 0)) return x;
  const decay = Math.pow(0.5, dtS / p.halfLifeS);
  return p.mean + (x - p.mean) * decay + p.sd * Math.sqrt(1 - decay * decay) * z;
}
