/**
 * Raw SVI parameters (Gatheral): w(k) = a + b·(rho·(k − m) + √((k − m)² + sigma²)),
 * k = ln(K/F) log-moneyness, w = total implied variance σ²·T (dimensionless).
 * a level, b ≥ 0 wing slope, |rho| < 1 skew, m shift, sigma > 0 ATM curvature.
 */
export interface RawSvi {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
}

/**
 * Raw SVI total implied variance w(k) = σ_impl(k)²·T at log-moneyness k = ln(K/F).
 * The implied vol is √(w/T).
 */
export function sviTotalVariance(p: RawSvi, k: number): number {
  const d = k - p.m;
  return p.a + p.b * (p.rho * d + Math.sqrt(d * d + p.sigma * p.sigma));
}
