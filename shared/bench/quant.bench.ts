/**
 * Quant core benchmark (`npm run bench:quant`): prices/s, full Greeks/s and IV solves/s on one core against
 * the npm option-pricing packages, on the same seeded random inputs, with each one's max error vs ours; the
 * IV failure count over 1,000,000 random in-bounds cases; the SVI fit time of a 9-strike smile.
 * `npm run bench:quant -- --quick` runs a smaller sample.
 */
import { BlackScholes } from '@uqee/black-scholes';
import { BlackScholesCalculator, Option, blackFormula1, blackFormulaImpliedStdDev1 } from '@quantlib/ql';
import * as bsPkg from 'black-scholes';
import * as greeksPkg from 'greeks';
import * as ivPkg from 'implied-volatility';
import { type Case, ivFailures, rng, sviFitTime } from './quant-robustness.ts';
import {
  bsGreeks,
  bsGreeksBatch,
  bsPrice,
  bsPriceBatch,
  impliedVol,
  impliedVolBatch,
} from '../src/quant/index.ts';

const QUICK = process.argv.includes('--quick');
const N = QUICK ? 20_000 : 200_000;
const N_IV_FAIL = QUICK ? 100_000 : 1_000_000;

/** Typical desk inputs: 1 day–2 years, vols 10–150 %, strikes within ±2.5 s.d. of spot. q = 0 (not all packages have it). */
function typicalCases(n: number, seed: number): Case[] {
  const u = rng(seed);
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const T = Math.exp(Math.log(1 / 365) + u() * Math.log(2 * 365));
    const sigma = 0.1 + u() * 1.4;
    const K = 100 * Math.exp((u() * 5 - 2.5) * sigma * Math.sqrt(T));
    out.push({ S: 100, K, T, r: u() * 0.06, q: 0, sigma, type: u() < 0.5 ? 'call' : 'put' });
  }
  return out;
}

/** One thing to time: `fn` does `n` operations and returns a number derived from every result. */
interface Task {
  n: number;
  fn: () => number;
  rates: number[];
}

const MIN_SAMPLE_MS = QUICK ? 20 : 60;
const ROUNDS = QUICK ? 3 : 9;

/**
 * Times every task fairly against the others: each is warmed up first (so every library runs optimised
 * code), then ROUNDS rounds run all tasks, each round in a different order (rotated, and reversed every other
 * round, so that nobody always runs first, last or after the same neighbour); a sample repeats the task until
 * MIN_SAMPLE_MS has passed. Every result is folded into the returned number, which goes to `sink`, so no
 * work can be optimised away, and the accumulator is a local (a module-level `sink +=` per operation would
 * box a heap number per operation and time the harness, not the library). The rate of a task is the median
 * of its rounds.
 */
function measure(tasks: Task[]): void {
  for (const t of tasks) for (let i = 0; i < 3; i++) sink += t.fn();
  for (let r = 0; r < ROUNDS; r++) {
    const order = tasks.map((_t, k) => tasks[(k + r * 3) % tasks.length] as Task);
    if (r % 2 === 1) order.reverse();
    for (const t of order) {
      let ops = 0;
      const t0 = performance.now();
      let dt = 0;
      do {
        sink += t.fn();
        ops += t.n;
        dt = performance.now() - t0;
      } while (dt < MIN_SAMPLE_MS);
      t.rates.push(ops / (dt / 1000));
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

let sink = 0;
const uqee = new BlackScholes({ sigmaToPricePrecision: 'double' });
const uqeeIv = new BlackScholes({
  sigmaToPricePrecision: 'double',
  priceToSigmaMethod: 'newton-raphson',
  priceToSigmaAccuracy: 1e-12,
  priceToSigmaNRIteractions: 100,
});
const qlType = (c: Case): number => (c.type === 'call' ? Option.Type.Call : Option.Type.Put);

interface Row {
  name: string;
  prices?: number;
  greeks?: number;
  iv?: number;
  priceErr?: number;
  greekErr?: number;
  ivErr?: number;
}

function maxErr(cases: Case[], f: (c: Case, i: number) => number, ref: Float64Array): number {
  let m = 0;
  cases.forEach((c, i) => {
    const v = f(c, i);
    const e = Number.isFinite(v) ? Math.abs(v - (ref[i] as number)) : Infinity;
    if (e > m) m = e;
  });
  return m;
}

function run(): void {
  const cases = typicalCases(N, 42);
  const ref = Float64Array.from(cases, (c) => bsPrice(c));
  // Keep only the numbers: retaining 200k result objects would make V8 pretenure bsGreeks' allocation site.
  const refDelta = Float64Array.from(cases, (c) => bsGreeks(c).delta);
  const cols = {
    S: Float64Array.from(cases, (c) => c.S),
    K: Float64Array.from(cases, (c) => c.K),
    T: Float64Array.from(cases, (c) => c.T),
    r: Float64Array.from(cases, (c) => c.r),
    q: Float64Array.from(cases, (c) => c.q),
    sigma: Float64Array.from(cases, (c) => c.sigma),
    isCall: Uint8Array.from(cases, (c) => (c.type === 'call' ? 1 : 0)),
  };
  const D = Float64Array.from(cases, (c) => Math.exp(-c.r * c.T));
  const rows: Row[] = [];

  // --- ours
  const out = new Float64Array(N);
  const gOut = {
    delta: new Float64Array(N),
    gamma: new Float64Array(N),
    vega: new Float64Array(N),
    theta: new Float64Array(N),
    rho: new Float64Array(N),
  };
  const ivCases = cases.filter((c, i) => {
    const fd = c.S * Math.exp(-c.q * c.T);
    const kd = c.K * (D[i] as number);
    const intrinsic = Math.max(c.type === 'call' ? fd - kd : kd - fd, 0);
    return (ref[i] as number) > intrinsic * (1 + 1e-9) + 1e-10;
  });
  const ivSet = new Set(ivCases);
  const ivIdx = cases.map((c, i) => (ivSet.has(c) ? i : -1)).filter((i) => i >= 0);
  const NIV = ivCases.length;
  const ivPrice = Float64Array.from(ivIdx, (i) => ref[i] as number);
  const ivTrue = Float64Array.from(ivIdx, (i) => (cases[i] as Case).sigma);
  const ivCols = {
    S: Float64Array.from(ivCases, (c) => c.S),
    K: Float64Array.from(ivCases, (c) => c.K),
    T: Float64Array.from(ivCases, (c) => c.T),
    r: Float64Array.from(ivCases, (c) => c.r),
    q: Float64Array.from(ivCases, (c) => c.q),
    isCall: Uint8Array.from(ivCases, (c) => (c.type === 'call' ? 1 : 0)),
    price: ivPrice,
  };
  const ivErr = (f: (c: Case, i: number) => number, subset = NIV): number => {
    let m = 0;
    for (let i = 0; i < subset; i++) {
      const v = f(ivCases[i] as Case, i);
      const e = Number.isFinite(v) ? Math.abs(v - (ivTrue[i] as number)) : Infinity;
      if (e > m) m = e;
    }
    return m;
  };
  const tasks: Task[] = [];
  const task = (n: number, fn: () => number): Task => {
    const t: Task = { n, fn, rates: [] };
    tasks.push(t);
    return t;
  };
  const bsIv = (c: Case, i: number): number =>
    impliedVol({
      price: ivPrice[i] as number,
      K: c.K,
      T: c.T,
      r: c.r,
      type: c.type,
      model: 'bs',
      S: c.S,
      q: c.q,
    });

  // --- ours, scalar: every Greek of every case is consumed.
  const oursT = {
    prices: task(N, () => {
      let acc = 0;
      for (const c of cases) acc += bsPrice(c);
      return acc;
    }),
    greeks: task(N, () => {
      let acc = 0;
      for (const c of cases) {
        const g = bsGreeks(c);
        acc += g.delta + g.gamma + g.vega + g.theta + g.rho;
      }
      return acc;
    }),
    iv: task(NIV, () => {
      let acc = 0;
      for (let i = 0; i < NIV; i++) acc += bsIv(ivCases[i] as Case, i);
      return acc;
    }),
  };
  // --- ours, batch
  const batchIv = impliedVolBatch(ivCols);
  const batchPrices = bsPriceBatch(cols);
  const batchGreeks = bsGreeksBatch(cols);
  const ivOut = out.subarray(0, NIV);
  const batchT = {
    prices: task(N, () => bsPriceBatch(cols, out)[N - 1] as number),
    greeks: task(N, () => {
      const g = bsGreeksBatch(cols, gOut);
      const k = N - 1;
      const last = (g.delta[k] as number) + (g.gamma[k] as number) + (g.vega[k] as number);
      return last + (g.theta[k] as number) + (g.rho[k] as number);
    }),
    iv: task(NIV, () => impliedVolBatch(ivCols, ivOut)[NIV - 1] as number),
  };

  // --- @uqee/black-scholes (double-precision CDF; Newton IV to 1e-12 in price): one call gives price and
  // all Greeks; the Greeks task consumes all five, as ours does.
  const uq = (c: Case): ReturnType<BlackScholes['option']> =>
    uqee.option({ rate: c.r, sigma: c.sigma, strike: c.K, time: c.T, type: c.type, underlying: c.S });
  const uqSigma = (c: Case, i: number): number =>
    uqeeIv.sigma({
      price: ivPrice[i] as number,
      rate: c.r,
      strike: c.K,
      time: c.T,
      type: c.type,
      underlying: c.S,
    });
  const uqT = {
    prices: task(N, () => {
      let acc = 0;
      for (const c of cases) acc += uq(c).price;
      return acc;
    }),
    greeks: task(N, () => {
      let acc = 0;
      for (const c of cases) {
        const g = uq(c);
        acc += g.delta + g.gamma + g.vega + g.theta + g.rho;
      }
      return acc;
    }),
    iv: task(NIV, () => {
      let acc = 0;
      for (let i = 0; i < NIV; i++) acc += uqSigma(ivCases[i] as Case, i);
      return acc;
    }),
  };

  // --- @quantlib/ql
  // QuantLib's Black formula takes the discount factor and forward, not r: computed here from r and T for
  // every case, inside the timed loop, like every other library has to (no precomputed inputs).
  const qlPrice = (c: Case): number => {
    const d = Math.exp(-c.r * c.T);
    return blackFormula1(qlType(c), c.K, c.S / d, c.sigma * Math.sqrt(c.T), d);
  };
  const qlCalc = (c: Case): BlackScholesCalculator =>
    new BlackScholesCalculator().bscInit2(
      qlType(c),
      c.K,
      c.S,
      1,
      c.sigma * Math.sqrt(c.T),
      Math.exp(-c.r * c.T),
    );
  const qlIv = (c: Case, i: number): number => {
    const d = Math.exp(-c.r * c.T);
    const sd = blackFormulaImpliedStdDev1(
      qlType(c),
      c.K,
      c.S / d,
      ivPrice[i] as number,
      d,
      0,
      null as unknown as number,
      1e-12,
      100,
    );
    return sd / Math.sqrt(c.T);
  };
  const NQ = Math.min(NIV, QUICK ? 5_000 : 50_000);
  const qlT = {
    prices: task(N, () => {
      let acc = 0;
      for (let i = 0; i < N; i++) acc += qlPrice(cases[i] as Case);
      return acc;
    }),
    greeks: task(N, () => {
      let acc = 0;
      for (let i = 0; i < N; i++) {
        const c = cases[i] as Case;
        const k = qlCalc(c);
        acc += k.delta() + k.gamma() + k.vega(c.T) + k.theta(c.T) + k.rho(c.T);
      }
      return acc;
    }),
    iv: task(NQ, () => {
      let acc = 0;
      for (let i = 0; i < NQ; i++) acc += qlIv(ivCases[i] as Case, i);
      return acc;
    }),
  };

  // --- black-scholes, greeks, implied-volatility (Loppatto; no yield)
  const NL = QUICK ? 2_000 : 20_000;
  const lop = cases.slice(0, NL);
  const NI = Math.min(QUICK ? 300 : 1_000, NIV);
  const ivl = (c: Case, i: number): number =>
    ivPkg.getImpliedVolatility(ivPrice[i] as number, c.S, c.K, c.T, c.r, c.type);
  const lopT = {
    prices: task(NL, () => {
      let acc = 0;
      for (const c of lop) acc += bsPkg.blackScholes(c.S, c.K, c.T, c.sigma, c.r, c.type);
      return acc;
    }),
    greeks: task(NL, () => {
      let acc = 0;
      for (const c of lop) {
        const a = [c.S, c.K, c.T, c.sigma, c.r, c.type] as const;
        acc += greeksPkg.getDelta(...a) + greeksPkg.getGamma(...a) + greeksPkg.getVega(...a);
        acc += greeksPkg.getTheta(...a) + greeksPkg.getRho(...a);
      }
      return acc;
    }),
    iv: task(NI, () => {
      let acc = 0;
      for (let i = 0; i < NI; i++) acc += ivl(ivCases[i] as Case, i);
      return acc;
    }),
  };

  measure(tasks);
  const rate = (t: Task): number => median(t.rates);

  rows.push({
    name: 'gamma quant (scalar)',
    prices: rate(oursT.prices),
    greeks: rate(oursT.greeks),
    iv: rate(oursT.iv),
    priceErr: 0,
    greekErr: 0,
    ivErr: ivErr(bsIv),
  });
  rows.push({
    name: 'gamma quant (batch)',
    prices: rate(batchT.prices),
    greeks: rate(batchT.greeks),
    iv: rate(batchT.iv),
    priceErr: maxErr(cases, (_c, i) => batchPrices[i] as number, ref),
    greekErr: maxErr(cases, (_c, i) => batchGreeks.delta[i] as number, refDelta),
    ivErr: ivErr((_c, i) => batchIv[i] as number),
  });
  rows.push({
    name: '@uqee/black-scholes',
    prices: rate(uqT.prices),
    greeks: rate(uqT.greeks),
    iv: rate(uqT.iv),
    priceErr: maxErr(cases, (c) => uq(c).price, ref),
    greekErr: maxErr(cases, (c) => uq(c).delta, refDelta),
    ivErr: ivErr(uqSigma),
  });
  rows.push({
    name: '@quantlib/ql',
    prices: rate(qlT.prices),
    greeks: rate(qlT.greeks),
    iv: rate(qlT.iv),
    priceErr: maxErr(cases, (c) => qlPrice(c), ref),
    greekErr: maxErr(cases, (c) => qlCalc(c).delta(), refDelta),
    ivErr: ivErr(qlIv, NQ),
  });
  rows.push({
    name: 'black-scholes + greeks',
    prices: rate(lopT.prices),
    greeks: rate(lopT.greeks),
    priceErr: maxErr(lop, (c) => bsPkg.blackScholes(c.S, c.K, c.T, c.sigma, c.r, c.type), ref),
    greekErr: maxErr(lop, (c) => greeksPkg.getDelta(c.S, c.K, c.T, c.sigma, c.r, c.type), refDelta),
  });
  rows.push({
    name: 'implied-volatility',
    iv: rate(lopT.iv),
    ivErr: ivErr(ivl, NI),
  });

  printTable(rows);
  ivFailures(N_IV_FAIL);
  sviFitTime();
  if (sink === 42) console.log('');
}

const fmtRate = (v?: number): string => (v === undefined ? '—' : `${(v / 1e6).toFixed(3)} M/s`);
const fmtErr = (v?: number): string => (v === undefined ? '—' : v === 0 ? 'ref' : v.toExponential(1));

function printTable(rows: Row[]): void {
  console.log(
    `\nSame ${N.toLocaleString('en')} seeded random inputs (S=100, T 1d–2y, σ 10–150 %, ±2.5 s.d. strikes, r 0–6 %).`,
  );
  console.log(
    `Rates: median of ${ROUNDS} interleaved rounds (order rotated each round), each sample ≥ ${MIN_SAMPLE_MS} ms, ` +
      'after warm-up; results summed into a local (all five Greeks for every library).',
  );
  console.log('Errors: max |Δ| vs gamma quant on price (USD), delta, and vs the true σ for IV.\n');
  const head = ['library', 'prices', 'Greeks (all 5)', 'IV solves', 'price err', 'delta err', 'IV err'];
  const lines = rows.map((r) => [
    r.name,
    fmtRate(r.prices),
    fmtRate(r.greeks),
    fmtRate(r.iv),
    fmtErr(r.priceErr),
    fmtErr(r.greekErr),
    fmtErr(r.ivErr),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...lines.map((l) => (l[j] as string).length)));
  const fmt = (cells: string[]): string =>
    `| ${cells.map((c, j) => c.padEnd(widths[j] as number)).join(' | ')} |`;
  console.log(fmt(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  lines.forEach((l) => console.log(fmt(l)));
  const accurate = rows.slice(2).filter((r) => (r.priceErr ?? Infinity) <= 1e-6);
  const best = (k: 'prices' | 'greeks' | 'iv', pool: Row[]): number =>
    Math.max(...pool.map((r) => r[k] ?? 0));
  const ivPool = rows.slice(2).filter((r) => (r.ivErr ?? Infinity) <= 1e-6);
  const ours = rows[0] as Row;
  const batch = rows[1] as Row;
  console.log('\nRatios vs the fastest accurate package (price error ≤ 1e-6; IV error ≤ 1e-6):');
  for (const [k, label, pool] of [
    ['prices', 'prices', accurate],
    ['greeks', 'Greeks', accurate],
    ['iv', 'IV', ivPool],
  ] as const) {
    const b = best(k, pool);
    console.log(
      `  ${label}: scalar ${((ours[k] ?? 0) / b).toFixed(2)}×, batch ${((batch[k] ?? 0) / b).toFixed(2)}×`,
    );
  }
}

run();
