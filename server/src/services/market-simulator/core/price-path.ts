import { normal, poisson, type RngState } from './rng.ts';
import { SECONDS_PER_YEAR } from './ou.ts';

/** Heston-like stochastic variance with Merton jumps, per underlying. Rates are per year. */
export interface PathParams {
  /** Long-run variance θ of the diffusion (annualised, decimal²) */
  longRunVariance: number;
  /** Mean-reversion speed κ of the variance, per year */
  meanReversion: number;
  /** Volatility of variance ξ */
  volOfVol: number;
  /** Correlation of price and variance shocks */
  correlation: number;
  /** Expected jumps per year λ */
  jumpsPerYear: number;
  /** Mean log jump size */
  jumpMean: number;
  /** Standard deviation of the log jump size */
  jumpStd: number;
}

/** The state of one price path. */
export interface PathState {
  spot: number;
  /** Instantaneous diffusion variance (annualised) */
  variance: number;
  rng: RngState;
}

/** Longest single Euler step, in seconds; longer gaps are split. */
const MAX_STEP_S = 1;
/** Most sub-steps per call: a very long gap is covered in coarser steps. */
const MAX_SUBSTEPS = 3_600;
const VARIANCE_FLOOR = 1e-6;

/** Annualised variance contributed by jumps: λ·(μ² + δ²). */
export const jumpVariance = (p: PathParams): number => p.jumpsPerYear * (p.jumpMean ** 2 + p.jumpStd ** 2);

function eulerStep(state: PathState, p: PathParams, dt: number): PathState {
  const v = Math.max(state.variance, 0);
  const z1 = normal(state.rng);
  const z2 = normal(z1.rng);
  const jumps = poisson(z2.rng, p.jumpsPerYear * dt);
  const zJump = normal(jumps.rng);
  const zv = p.correlation * z1.value + Math.sqrt(1 - p.correlation ** 2) * z2.value;
  // Compensated so that the expected price stays a martingale
  const compensator = p.jumpsPerYear * (Math.exp(p.jumpMean + p.jumpStd ** 2 / 2) - 1);
  const jump =
    jumps.value > 0 ? jumps.value * p.jumpMean + Math.sqrt(jumps.value) * p.jumpStd * zJump.value : 0;
  const logReturn = (-v / 2 - compensator) * dt + Math.sqrt(v * dt) * z1.value + jump;
  const variance = v + p.meanReversion * (p.longRunVariance - v) * dt + p.volOfVol * Math.sqrt(v * dt) * zv;
  return {
    spot: state.spot * Math.exp(logReturn),
    variance: Math.max(variance, VARIANCE_FLOOR),
    rng: zJump.rng,
  };
}

/**
 * Advances a path by `dtS` seconds (full-truncation Euler, steps of at most one second). Pure: the
 * same state and time step always give the same result.
 */
export function stepPath(state: PathState, p: PathParams, dtS: number): PathState {
  if (!(dtS > 0)) return state;
  const steps = Math.min(Math.ceil(dtS / MAX_STEP_S), MAX_SUBSTEPS);
  const dt = dtS / steps / SECONDS_PER_YEAR;
  let next = state;
  for (let i = 0; i < steps; i += 1) next = eulerStep(next, p, dt);
  return next;
}
