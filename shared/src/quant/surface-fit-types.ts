import type { RawSvi } from './svi.ts';

/**
 * One expiry's quotes for {@link fitSurface}: t years to expiry (> 0), forward F (USD, > 0), strikes (USD, > 0)
 * with their implied vols (annualised decimals, > 0), optional least-squares weights (≥ 0, default 1).
 */
export interface SurfaceFitExpiry {
  expiry: string;
  t: number;
  forward: number;
  strikes: readonly number[];
  ivs: readonly number[];
  weights?: readonly number[];
}

/** Input of {@link fitSurface}: one entry per expiry, any order, expiries unique. */
export interface SurfaceFitInput {
  expiries: readonly SurfaceFitExpiry[];
}

/** A point of the fitted smile at a target Black-76 delta (r = 0): strike (USD), IV (decimal), delta. */
export interface DeltaPoint {
  strike: number;
  iv: number;
  delta: number;
}

/** Which repairs changed a slice's calibrated parameters. */
export interface SliceRepairs {
  /** Butterfly arbitrage found and repaired (Gatheral–Jacquier jump-wings, else shrinking toward flat). */
  butterfly: boolean;
  /** Total variance lifted to stay at or above the previous expiry's. */
  calendar: boolean;
}

/** One fitted, arbitrage-checked expiry of a {@link FittedSurface}. */
export interface FittedSlice {
  expiry: string;
  /** Years to expiry */
  t: number;
  /** Forward (USD) */
  forward: number;
  /** Final raw SVI parameters (total variance in k = ln(K/F)) after the repairs */
  params: RawSvi;
  /** Raw SVI parameters as calibrated, before any repair */
  calibrated: RawSvi;
  /** Weighted RMSE of the final smile against the quotes, in total variance (σ²t units) */
  rmse: number;
  /** Weighted RMSE of the final smile against the quotes, in implied vol (decimal) */
  ivRmse: number;
  /** Durrleman's g ≥ 0 on the check grid (no butterfly arbitrage) */
  butterflyFree: boolean;
  /** Smallest Durrleman g on the check grid */
  minG: number;
  /** Total variance ≥ the previous expiry's at every k of the check grid (true for the first expiry) */
  calendarFree: boolean;
  repaired: SliceRepairs;
  /** Listed strike nearest the forward (the lower one on a tie) */
  atmStrike: number;
  /** Fitted IV at {@link FittedSlice.atmStrike} */
  atmIv: number;
  /** Strike of Black-76 call delta +0.25 on the fitted smile */
  call25: DeltaPoint;
  /** Strike of Black-76 put delta −0.25 on the fitted smile */
  put25: DeltaPoint;
  /** 25-delta risk reversal: call25.iv − put25.iv (decimal) */
  rr25: number;
  /** Fitted IV (decimal) at a strike (USD, > 0) */
  ivAt(strike: number): number;
}

/** Result of {@link fitSurface}. */
export interface FittedSurface {
  /** Slices in increasing t */
  slices: readonly FittedSlice[];
  /** Every slice is butterfly- and calendar-free on its check grid */
  arbitrageFree: boolean;
  /** Expiry → ATM IV of that expiry (decimal), in increasing t */
  termStructure: Record<string, number>;
  /** The slice of an expiry. @throws RangeError for an expiry not fitted */
  slice(expiry: string): FittedSlice;
  /** Fitted IV (decimal) of an expiry at a strike (USD). @throws RangeError for an unknown expiry or bad strike */
  ivAt(expiry: string, strike: number): number;
}
