import type { RawSvi } from '@gamma/shared/quant';

/** Shape of the simulated smiles. */
export interface SmileParams {
  /** SVI rho: the skew (negative = puts richer) */
  skewRho: number;
  /** SVI b as a multiple of σ_atm·√T: how fast the wings rise */
  wingBeta: number;
  /** SVI sigma as a multiple of σ_atm·√T: how rounded the bottom of the smile is */
  curvature: number;
  /** Mean-reversion speed the market prices into the term structure, per year */
  impliedReversion: number;
  /** Lowest ATM implied vol quoted */
  minAtmVol: number;
}

export interface AtmVolInput {
  /** Current instantaneous total variance (diffusion + jumps), annualised */
  variance: number;
  /** Long-run total variance, annualised */
  longRunVariance: number;
  /** The current implied-vol premium (vol points as a decimal, may be negative) */
  premium: number;
  /** Years to expiry */
  years: number;
}

/**
 * The ATM implied vol of an expiry: the root of the variance expected over its life when the current
 * variance reverts to the long-run level at the implied speed, plus the premium.
 */
export function atmVolFor(input: AtmVolInput, p: SmileParams): number {
  const kt = p.impliedReversion * Math.max(input.years, 0);
  const weight = kt > 1e-9 ? (1 - Math.exp(-kt)) / kt : 1;
  const expected = input.longRunVariance + (input.variance - input.longRunVariance) * weight;
  return Math.max(Math.sqrt(Math.max(expected, 0)) + input.premium, p.minAtmVol);
}

/**
 * A raw SVI smile centred at the money (m = 0) whose total variance at k = 0 is σ_atm²·T. With
 * b = β·σ√T and sigma = c·σ√T, a = σ²T·(1 − βc) keeps the minimum variance positive for βc < 1.
 */
export function smileFor(atmVol: number, years: number, p: SmileParams): RawSvi {
  const scale = atmVol * Math.sqrt(years);
  const b = p.wingBeta * scale;
  const sigma = p.curvature * scale;
  return { a: atmVol * atmVol * years - b * sigma, b, rho: p.skewRho, m: 0, sigma };
}
