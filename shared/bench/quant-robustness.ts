/** Robustness half of the quant benchmark: IV failure count and SVI fit time (see quant.bench.ts). */
import { bsPrice, fitRawSvi, impliedVol, sviTotalVariance } from '../src/quant/index.ts';

/** mulberry32: seeded uniform [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One benchmark input (BSM, USD, years). */
export interface Case {
  S: number;
  K: number;
  T: number;
  r: number;
  q: number;
  sigma: number;
  type: 'call' | 'put';
}

/**
 * Wide random in-bounds cases (1 day–5 years, vols 1–500 %, |ln K/S| up to 4 s.d. + 1): draws cases until `n`
 * of them are strictly inside the no-arbitrage bounds, inverts each and counts round trips off by > 1e-12 in price.
 */
export function ivFailures(n: number): {
  tested: number;
  failures: number;
  worstRelErr: number;
  seconds: number;
} {
  const u = rng(7);
  let tested = 0;
  let failures = 0;
  let worst = 0;
  let skipped = 0;
  const t0 = performance.now();
  for (let i = 0; tested < n && i < 4 * n; i++) {
    const T = Math.exp(Math.log(1 / 365) + u() * Math.log(5 * 365));
    const sigma = Math.exp(Math.log(0.01) + u() * Math.log(500));
    const sd = sigma * Math.sqrt(T);
    const K = 100 * Math.exp((u() * 2 - 1) * (4 * sd + 1));
    const c: Case = {
      S: 100,
      K,
      T,
      r: u() * 0.2 - 0.05,
      q: u() * 0.1,
      sigma,
      type: u() < 0.5 ? 'call' : 'put',
    };
    const price = bsPrice(c);
    const fd = c.S * Math.exp(-c.q * T);
    const kd = c.K * Math.exp(-c.r * T);
    const lower = Math.max(c.type === 'call' ? fd - kd : kd - fd, 0);
    const upper = c.type === 'call' ? fd : kd;
    if (!(price > lower && price < upper && price >= 1e-300)) {
      skipped++;
      continue;
    }
    tested++;
    const iv = impliedVol({ price, K, T, r: c.r, type: c.type, model: 'bs', S: c.S, q: c.q });
    const back = Number.isFinite(iv) ? bsPrice({ ...c, sigma: iv }) : NaN;
    const err = Math.abs(back - price) / price;
    if (!(err <= 1e-12)) {
      failures++;
      if (failures <= 5)
        console.log('  IV failure:', JSON.stringify(c), 'price', price, 'iv', iv, 'rel err', err);
    }
    if (err > worst || Number.isNaN(err)) worst = err;
  }
  const ms = performance.now() - t0;
  console.log(
    `\nIV robustness: ${tested.toLocaleString('en')} random in-bounds cases (T 1d–5y, σ 1–500 %, |ln K/S| ≤ 4σ√T + 1, ` +
      `r −5…15 %, q 0–10 %; ${skipped.toLocaleString('en')} drawn cases had no representable time value): ` +
      `${failures} failures (> 1e-12 relative in price), worst ${worst.toExponential(2)}, ${(ms / 1000).toFixed(1)} s.`,
  );
  return { tested, failures, worstRelErr: worst, seconds: ms / 1000 };
}

export function sviFitTime(): { microsPerFit: number; worstRmse: number } {
  const p = { a: 0.01, b: 0.1, rho: -0.3, m: 0.02, sigma: 0.15 };
  const k = [-0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4];
  const u = rng(3);
  const smiles = Array.from({ length: 2000 }, () =>
    k.map((x) => sviTotalVariance(p, x) * (1 + 0.01 * (u() - 0.5))),
  );
  for (let i = 0; i < 200; i++) fitRawSvi({ k, w: smiles[i] as number[], t: 0.1 });
  const t0 = performance.now();
  let rmse = 0;
  for (const w of smiles) rmse = Math.max(rmse, fitRawSvi({ k, w, t: 0.1 }).rmse);
  const ms = (performance.now() - t0) / smiles.length;
  console.log(
    `SVI fit, 9 strikes: ${(ms * 1000).toFixed(0)} µs per fit (mean of ${smiles.length}), worst RMSE ${rmse.toExponential(2)} in total variance.`,
  );
  return { microsPerFit: ms * 1000, worstRmse: rmse };
}
