import { nelderMead } from './nelder-mead.ts';
import type { RawSvi } from './svi.ts';

/** Input of {@link fitRawSvi}: log-moneyness k = ln(K/F), total variance w = σ²·t, optional weights, t years. */
export interface SviFitInput {
  k: readonly number[];
  w: readonly number[];
  weights?: readonly number[];
  t: number;
}

const RHO_MAX = 0.999;
const SIGMA_MIN = 1e-4;
const SIGMA_MAX = 5;

// Scratch moments of the basis [1, y, z], y = (k − m)/σ, z = √(y² + 1), weights ω (reused: single-threaded).
let S00 = 0;
let S01 = 0;
let S02 = 0;
let S11 = 0;
let S12 = 0;
let S22 = 0;
let R0 = 0;
let R1 = 0;
let R2 = 0;
let WW = 0;

function moments(inp: SviFitInput & { om: readonly number[] }, m: number, sigma: number): void {
  const om = inp.om;
  S00 = S01 = S02 = S11 = S12 = S22 = R0 = R1 = R2 = WW = 0;
  const inv = 1 / sigma;
  for (let i = 0; i < inp.k.length; i++) {
    const y = ((inp.k[i] as number) - m) * inv;
    const z = Math.sqrt(y * y + 1);
    const wi = inp.w[i] as number;
    const o = om[i] as number;
    const ow = o * wi;
    R0 += ow;
    R1 += ow * y;
    R2 += ow * z;
    S00 += o;
    S01 += o * y;
    S02 += o * z;
    S11 += o * y * y;
    S12 += o * y * z;
    S22 += o * z * z;
    WW += ow * wi;
  }
}

/** Best (d, c) of f(u) = uᵀHu − 2gᵀu + k0 over the polygon |d| ≤ ρmax·c, c + |d| ≤ 4σ. */
interface Quad {
  h11: number;
  h12: number;
  h22: number;
  g1: number;
  g2: number;
  k0: number;
}

let bestD = 0;
let bestC = 0;

function quadAt(q: Quad, d: number, c: number): number {
  return q.h11 * d * d + 2 * q.h12 * d * c + q.h22 * c * c - 2 * (q.g1 * d + q.g2 * c) + q.k0;
}

function polygonMin(q: Quad, sigma: number): number {
  const det = q.h11 * q.h22 - q.h12 * q.h12;
  if (det > 1e-14 * (q.h11 * q.h22 + 1e-300)) {
    const d = (q.h22 * q.g1 - q.h12 * q.g2) / det;
    const c = (q.h11 * q.g2 - q.h12 * q.g1) / det;
    if (Math.abs(d) <= RHO_MAX * c && c + Math.abs(d) <= 4 * sigma) {
      bestD = d;
      bestC = c;
      return quadAt(q, d, c);
    }
  }
  const c1 = (4 * sigma) / (1 + RHO_MAX);
  const x1 = RHO_MAX * c1;
  let best = Infinity;
  for (let i = 0; i < 4; i++) {
    // Vertices (0, 0), (x1, c1), (0, 4σ), (−x1, c1), in order.
    const px = i === 1 ? x1 : i === 3 ? -x1 : 0;
    const py = i === 0 ? 0 : i === 2 ? 4 * sigma : c1;
    const qx = i === 0 ? x1 : i === 2 ? -x1 : 0;
    const qy = i === 1 ? 4 * sigma : i === 3 ? 0 : c1;
    const ex = qx - px;
    const ey = qy - py;
    const A = q.h11 * ex * ex + 2 * q.h12 * ex * ey + q.h22 * ey * ey;
    const B = q.g1 * ex + q.g2 * ey - (q.h11 * px * ex + q.h12 * (px * ey + py * ex) + q.h22 * py * ey);
    const t = A > 0 ? Math.min(1, Math.max(0, B / A)) : B > 0 ? 1 : 0;
    const d = px + t * ex;
    const c = py + t * ey;
    const f = quadAt(q, d, c);
    if (f < best) {
      best = f;
      bestD = d;
      bestC = c;
    }
  }
  return best;
}

/**
 * Constrained weighted least squares of (a, d, c) for the current moments: a eliminated in closed form when
 * it lands in [0, wMax], else fixed at the violated bound; (d, c) minimised exactly over the constraint polygon.
 */
function innerFit(sigma: number, wMax: number): { a: number; d: number; c: number; sse: number } {
  const free: Quad = {
    h11: S11 - (S01 * S01) / S00,
    h12: S12 - (S01 * S02) / S00,
    h22: S22 - (S02 * S02) / S00,
    g1: R1 - (S01 * R0) / S00,
    g2: R2 - (S02 * R0) / S00,
    k0: WW - (R0 * R0) / S00,
  };
  const sse = polygonMin(free, sigma);
  const a = (R0 - S01 * bestD - S02 * bestC) / S00;
  if (a >= 0 && a <= wMax) return { a, d: bestD, c: bestC, sse };
  let out = { a: 0, d: 0, c: 0, sse: Infinity };
  for (let j = 0; j < 2; j++) {
    const fixed = j === 0 ? 0 : wMax;
    const q: Quad = {
      h11: S11,
      h12: S12,
      h22: S22,
      g1: R1 - fixed * S01,
      g2: R2 - fixed * S02,
      k0: WW - 2 * fixed * R0 + fixed * fixed * S00,
    };
    const f = polygonMin(q, sigma);
    if (f < out.sse) out = { a: fixed, d: bestD, c: bestC, sse: f };
  }
  return out;
}

function validate(inp: SviFitInput): number[] {
  const n = inp.k.length;
  if (n < 5) throw new RangeError(`fitRawSvi needs at least 5 strikes, got ${n}`);
  if (inp.w.length !== n) throw new RangeError(`w has ${inp.w.length} values, k has ${n}`);
  if (!(inp.t > 0) || inp.t === Infinity) throw new RangeError(`t must be a finite number > 0, got ${inp.t}`);
  const om = inp.weights ? [...inp.weights] : new Array<number>(n).fill(1);
  if (om.length !== n) throw new RangeError(`weights has ${om.length} values, k has ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(inp.k[i])) throw new RangeError(`k[${i}] must be finite, got ${inp.k[i]}`);
    const w = inp.w[i] as number;
    if (!(w > 0) || w === Infinity) throw new RangeError(`w[${i}] must be a finite number > 0, got ${w}`);
    const o = om[i] as number;
    if (!(o >= 0) || o === Infinity)
      throw new RangeError(`weights[${i}] must be a finite number ≥ 0, got ${o}`);
  }
  if (!om.some((o) => o > 0)) throw new RangeError('at least one weight must be > 0');
  return om;
}

/**
 * Calibrates raw SVI to one expiry's smile by weighted least squares in total variance (Zeliade's
 * quasi-explicit method): for each (m, sigma) the parameters (a, b·rho·sigma, b·sigma) solve a constrained
 * linear least-squares problem exactly (b ≥ 0, |rho| ≤ 0.999, b(1 + |rho|) ≤ 4, 0 ≤ a ≤ max w); (m, sigma)
 * is found by Nelder–Mead from several starts. Returns the parameters and the weighted RMSE in total
 * variance (σ²t units). About 0.1–1 ms for 9 strikes.
 * @throws RangeError on fewer than 5 points, mismatched lengths, non-positive w or t, or negative weights.
 */
export function fitRawSvi(inp: SviFitInput): { params: RawSvi; rmse: number } {
  const om = validate(inp);
  const n = inp.k.length;
  let kMin = Infinity;
  let kMax = -Infinity;
  let wMax = 0;
  let kAtMin = 0;
  let wLow = Infinity;
  for (let i = 0; i < n; i++) {
    const k = inp.k[i] as number;
    const w = inp.w[i] as number;
    kMin = Math.min(kMin, k);
    kMax = Math.max(kMax, k);
    wMax = Math.max(wMax, w);
    if (w < wLow) {
      wLow = w;
      kAtMin = k;
    }
  }
  const span = Math.max(kMax - kMin, 1e-3);
  const data = { ...inp, om };
  const mLo = kMin - span;
  const mHi = kMax + span;
  const cost = (p: Float64Array): number => {
    const m = p[0] as number;
    const sigma = Math.exp(p[1] as number);
    if (m < mLo || m > mHi || sigma < SIGMA_MIN || sigma > SIGMA_MAX) return Infinity;
    moments(data, m, sigma);
    return innerFit(sigma, wMax).sse;
  };
  let best: { x: Float64Array; fx: number } = { x: Float64Array.from([kAtMin, Math.log(0.1)]), fx: Infinity };
  for (const [m0, s0] of [
    [kAtMin, 0.1 * span + 0.01],
    [0.5 * (kMin + kMax), 0.3 * span + 0.05],
  ] as const) {
    const r = nelderMead(cost, [m0, Math.log(s0)], {
      step: [0.1 * span, 0.5],
      maxEval: 300,
      tol: 1e-14,
      xTol: 1e-7,
    });
    if (r.fx < best.fx) best = r;
  }
  const m = best.x[0] as number;
  const sigma = Math.exp(best.x[1] as number);
  moments(data, m, sigma);
  const inner = innerFit(sigma, wMax);
  if (!Number.isFinite(inner.sse)) throw new RangeError('fitRawSvi found no feasible smile');
  const { a, d, c } = inner;
  const b = c / sigma;
  const rho = c > 0 ? Math.max(-RHO_MAX, Math.min(RHO_MAX, d / c)) : 0;
  const sumW = om.reduce((s, o) => s + o, 0);
  return { params: { a, b, rho, m, sigma }, rmse: Math.sqrt(Math.max(inner.sse, 0) / sumW) };
}
