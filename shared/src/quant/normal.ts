/**
 * Standard normal distribution in double precision.
 *
 * `normCdf` is W. J. Cody's rational Chebyshev algorithm (ACM TOMS Algorithm 715, ANORM), the one R's
 * `pnorm` uses: relative error near machine precision over the whole line, including far tails.
 */

const A0 = 2.2352520354606837;
const A1 = 161.02823106855587;
const A2 = 1067.6894854603709;
const A3 = 18154.98125334356;
const A4 = 0.06568233791820745;
const B0 = 47.202581904688245;
const B1 = 976.0985517377767;
const B2 = 10260.932208618979;
const B3 = 45507.78933502673;
const C0 = 0.39894151208813466;
const C1 = 8.883149794388377;
const C2 = 93.50665613217785;
const C3 = 597.2702763948002;
const C4 = 2494.5375852903726;
const C5 = 6848.190450536283;
const C6 = 11602.65143764735;
const C7 = 9842.714838383978;
const C8 = 1.0765576773720192e-8;
const D0 = 22.266688044328117;
const D1 = 235.387901782625;
const D2 = 1519.3775994075547;
const D3 = 6485.558298266761;
const D4 = 18615.571640885097;
const D5 = 34900.95272114598;
const D6 = 38912.00328609327;
const D7 = 19685.429676859992;
const P0 = 0.215898534057957;
const P1 = 0.12740116116024736;
const P2 = 0.022235277870649807;
const P3 = 0.0014216191932278934;
const P4 = 2.9112874951168793e-5;
const P5 = 0.023073441764940174;
const Q0 = 1.284260096144911;
const Q1 = 0.4682382124808651;
const Q2 = 0.06598813786892856;
const Q3 = 0.0037823963320275824;
const Q4 = 7.297515550839662e-5;

/** 1/√(2π). */
export const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;

/** Lower tail P(Z ≤ -|x|) for |x| > 0.66291 (Cody's second and third intervals). */
function tail(y: number): number {
  if (y > 38.5) return 0;
  const r = tailRatio(y);
  // exp(-y²/2) split so that the rounding of y² does not cost relative accuracy in the tail.
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * r;
}

/**
 * Scaled tail R(y) = N(−y)/e^{−y²/2} for y > 0.66291 (Cody's rational in the second and third intervals),
 * dimensionless, a few ulps relative; no exponential is evaluated.
 */
export function tailRatio(y: number): number {
  if (y <= SQRT_32) {
    const num = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
    const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
    return num / den;
  }
  return farRatio(y);
}

/** N(−y)/e^{−y²/2} for y > √32 (Cody's asymptotic rational in 1/y²); kept out of the hot path. */
function farRatio(y: number): number {
  const z = 1 / (y * y);
  const num = (((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z + P4) * z;
  const den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
  return (INV_SQRT_2PI - num / den) / y;
}

/**
 * N(x) given e = e^{−x²/2} already computed (shared with the density by the pricers: one exponential serves
 * φ(d1), N(d1) and, times F/K, N(d2)). Relative accuracy ~x²·ε/2 in the tail instead of a few ε; the
 * pricers route the far tail through the wing path. Written small (one rational per interval, the rare
 * asymptotic interval out of line, Cody's coefficients as literals rather than module constants, whose
 * loads and TDZ checks would triple the bytecode) so that TurboFan inlines it into the pricers: a call that
 * is not inlined passes and returns its doubles boxed, and the allocations cost more than the arithmetic.
 */
export function normCdfWithExp(x: number, e: number): number {
  // Horner written as c + y·(…) with y first: each step is then three bytecodes shorter (see above).
  const y = x < 0 ? -x : x;
  if (y <= 0.66291) {
    const z = x * x;
    const num =
      18154.98125334356 +
      z *
        (1067.6894854603709 + z * (161.02823106855587 + z * (2.2352520354606837 + z * 0.06568233791820745)));
    const den =
      45507.78933502673 + z * (10260.932208618979 + z * (976.0985517377767 + z * (47.202581904688245 + z)));
    return 0.5 + (x * num) / den;
  }
  let t: number;
  if (y <= 5.656854249492381) {
    const num =
      9842.714838383978 +
      y *
        (11602.65143764735 +
          y *
            (6848.190450536283 +
              y *
                (2494.5375852903726 +
                  y *
                    (597.2702763948002 +
                      y *
                        (93.50665613217785 +
                          y *
                            (8.883149794388377 + y * (0.39894151208813466 + y * 1.0765576773720192e-8)))))));
    const den =
      19685.429676859992 +
      y *
        (38912.00328609327 +
          y *
            (34900.95272114598 +
              y *
                (18615.571640885097 +
                  y *
                    (6485.558298266761 +
                      y * (1519.3775994075547 + y * (235.387901782625 + y * (22.266688044328117 + y)))))));
    t = (e * num) / den;
  } else t = e * farRatio(y);
  return x > 0 ? 1 - t : t;
}

/**
 * Standard normal cumulative distribution function N(x) = P(Z ≤ x), dimensionless.
 * Accurate to a few ulps in relative terms for every x (N(−38) ≈ 3e−316 still has full digits).
 */
export function normCdf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const xsq = x * x;
    const num = (((A4 * xsq + A0) * xsq + A1) * xsq + A2) * xsq + A3;
    const den = (((xsq + B0) * xsq + B1) * xsq + B2) * xsq + B3;
    return 0.5 + (x * num) / den;
  }
  if (Number.isNaN(x)) return NaN;
  const t = tail(y);
  return x > 0 ? 1 - t : t;
}

/** Standard normal density φ(x) = e^{−x²/2}/√(2π), dimensionless. */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

// Acklam's rational approximation (relative error 1.15e-9), refined by one Halley step on normCdf.
const IA = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
] as const;
const IB = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
] as const;
const IC = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const ID = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;

/**
 * Acklam's rational approximation of the inverse normal CDF, 1.15e-9 relative, for p in (0, 1): no logarithm
 * in the central region and no refinement, for starting guesses that an iteration polishes anyway.
 */
export function normInvApprox(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((IC[0] * q + IC[1]) * q + IC[2]) * q + IC[3]) * q + IC[4]) * q + IC[5]) /
      ((((ID[0] * q + ID[1]) * q + ID[2]) * q + ID[3]) * q + 1)
    );
  }
  if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    return (
      ((((((IA[0] * r + IA[1]) * r + IA[2]) * r + IA[3]) * r + IA[4]) * r + IA[5]) * q) /
      (((((IB[0] * r + IB[1]) * r + IB[2]) * r + IB[3]) * r + IB[4]) * r + 1)
    );
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return (
    -(((((IC[0] * q + IC[1]) * q + IC[2]) * q + IC[3]) * q + IC[4]) * q + IC[5]) /
    ((((ID[0] * q + ID[1]) * q + ID[2]) * q + ID[3]) * q + 1)
  );
}

/**
 * Inverse standard normal CDF: the x with N(x) = p, for p in (0, 1); −∞ at 0, +∞ at 1, NaN outside [0, 1].
 * Full double precision (Acklam's approximation plus one Halley refinement).
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const x = normInvApprox(p);
  // Halley refinement; work on the smaller tail to keep relative accuracy.
  const e = p < 0.5 ? normCdf(x) - p : 1 - p - normCdf(-x);
  const u = e / normPdf(x);
  return x - u / (1 + (x * u) / 2);
}
