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

/** SVI-JW (jump-wings) parameters of one expiry (Gatheral–Jacquier 2014), t in years. */
export interface JumpWings {
  /** ATM total variance / t: the ATM implied variance (per year). */
  v: number;
  /** ATM skew ∂σ_BS/∂k scaled by √t (dimensionless). */
  psi: number;
  /** Slope of the left (put) wing of total variance / √w_ATM. */
  p: number;
  /** Slope of the right (call) wing of total variance / √w_ATM. */
  c: number;
  /** Minimum implied variance (per year). */
  vTilde: number;
}

/**
 * Minimum over k of the raw SVI total variance: a + b·sigma·√(1 − rho²) (dimensionless, σ²T units).
 * A smile needs it ≥ 0 to have real implied vols everywhere.
 */
export function sviMinTotalVariance(p: RawSvi): number {
  return p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho);
}

/**
 * Converts raw SVI at maturity t (years, > 0) to jump-wings parameters (Gatheral–Jacquier 2014, §3.3):
 * v = w(0)/t, psi = b/(2√w(0))·(rho − m/√(m² + sigma²)), p = b(1 − rho)/√w(0), c = b(1 + rho)/√w(0),
 * vTilde = (a + b·sigma·√(1 − rho²))/t.
 * @throws RangeError if t ≤ 0 or the ATM total variance is not positive.
 */
export function sviToJumpWings(p: RawSvi, t: number): JumpWings {
  if (!(t > 0) || t === Infinity) throw new RangeError(`t must be a finite number > 0, got ${t}`);
  const root = Math.sqrt(p.m * p.m + p.sigma * p.sigma);
  const w = p.a + p.b * (-p.rho * p.m + root);
  if (!(w > 0)) throw new RangeError(`ATM total variance must be > 0, got ${w}`);
  const sw = Math.sqrt(w);
  return {
    v: w / t,
    psi: (p.b / (2 * sw)) * (p.rho - p.m / root),
    p: (p.b * (1 - p.rho)) / sw,
    c: (p.b * (1 + p.rho)) / sw,
    vTilde: sviMinTotalVariance(p) / t,
  };
}

/**
 * Converts jump-wings parameters at maturity t (years) back to raw SVI (Gatheral–Jacquier 2014, Lemma 3.2).
 * @throws RangeError when the parameters do not describe a raw SVI smile (e.g. p + c ≤ 0, |β| > 1).
 */
export function sviFromJumpWings(jw: JumpWings & { t: number }): RawSvi {
  const { v, psi, p, c, vTilde, t } = jw;
  if (!(t > 0) || !(v > 0)) throw new RangeError('need t > 0 and v > 0');
  const w = v * t;
  const sw = Math.sqrt(w);
  const b = (sw / 2) * (c + p);
  if (!(b > 0)) throw new RangeError(`wing slopes give b = ${b}; need p + c > 0`);
  const rho = 1 - (p * sw) / b;
  const beta = rho - (2 * psi * sw) / b;
  if (!(Math.abs(beta) <= 1))
    throw new RangeError(`jump-wings parameters give |beta| = ${Math.abs(beta)} > 1`);
  const sr = Math.sqrt(1 - rho * rho);
  if (beta === 0) {
    // m = 0: w(0) = a + b·sigma and min w = a + b·sigma·√(1−rho²).
    const sigma = sr < 1 ? ((v - vTilde) * t) / (b * (1 - sr)) : 0;
    return { a: w - b * sigma, b, rho, m: 0, sigma };
  }
  const alpha = Math.sign(beta) * Math.sqrt(1 / (beta * beta) - 1);
  const denom = b * (-rho + Math.sign(alpha) * Math.sqrt(1 + alpha * alpha) - alpha * sr);
  const m = denom === 0 ? 0 : ((v - vTilde) * t) / denom;
  const sigma = alpha * m;
  const a = vTilde * t - b * sigma * sr;
  const out = { a, b, rho, m, sigma };
  if (!Object.values(out).every(Number.isFinite) || sigma < 0)
    throw new RangeError('jump-wings parameters do not describe a raw SVI smile');
  return out;
}

/**
 * Gatheral–Jacquier (2014, §5.1) butterfly repair: keeps v, psi and p, and sets the call wing and the minimum
 * variance to c′ = p + 2·psi and vTilde′ = v·4·p·c′/(p + c′)², the closest smile of that family free of
 * butterfly arbitrage. Feed the result with v, psi, p to {@link sviFromJumpWings}.
 * @throws RangeError on non-finite input or p + c′ ≤ 0.
 */
export function sviRepairJumpWings(jw: { v: number; psi: number; p: number; t: number }): {
  c: number;
  vTilde: number;
} {
  const { v, psi, p, t } = jw;
  if (![v, psi, p, t].every(Number.isFinite)) throw new RangeError('jump-wings parameters must be finite');
  const c = p + 2 * psi;
  if (!(p + c > 0)) throw new RangeError(`p + c′ must be > 0, got ${p + c}`);
  return { c, vTilde: (v * 4 * p * c) / ((p + c) * (p + c)) };
}

/**
 * Durrleman's butterfly condition on a k-grid: g(k) = (1 − k·w′/(2w))² − (w′²/4)(1/w + 1/4) + w″/2 must be
 * ≥ 0 (and w > 0) for the smile's risk-neutral density to be non-negative. Returns whether it holds on
 * [kMin, kMax] sampled every `step`, the smallest g found (−∞ where w ≤ 0) and where it occurs.
 * @throws RangeError on an empty or non-finite grid.
 */
export function sviButterflyCheck(
  p: RawSvi,
  grid: { kMin: number; kMax: number; step: number },
): { arbitrageFree: boolean; minG: number; argMinK: number } {
  const { kMin, kMax, step } = grid;
  if (![kMin, kMax, step].every(Number.isFinite) || !(step > 0) || kMax < kMin)
    throw new RangeError('grid needs finite kMin ≤ kMax and step > 0');
  const n = Math.floor((kMax - kMin) / step + 1e-9);
  let minG = Infinity;
  let argMinK = kMin;
  for (let i = 0; i <= n; i++) {
    const k = i === n && n > 0 ? Math.min(kMin + i * step, kMax) : kMin + i * step;
    const g = sviDurrlemanG(p, k);
    if (g < minG) {
      minG = g;
      argMinK = k;
    }
  }
  return { arbitrageFree: minG >= 0, minG, argMinK };
}

/** Durrleman's g(k) of a raw SVI smile (dimensionless); −∞ where w(k) ≤ 0. */
export function sviDurrlemanG(p: RawSvi, k: number): number {
  const d = k - p.m;
  const r = Math.sqrt(d * d + p.sigma * p.sigma);
  const w = p.a + p.b * (p.rho * d + r);
  if (!(w > 0)) return -Infinity;
  const w1 = p.b * (p.rho + d / r);
  const w2 = (p.b * p.sigma * p.sigma) / (r * r * r);
  const u = 1 - (k * w1) / (2 * w);
  return u * u - ((w1 * w1) / 4) * (1 / w + 0.25) + w2 / 2;
}
