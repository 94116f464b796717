/**
 * Quant core benchmark (`npm run bench:quant`): prices/s, full Greeks/s and IV solves/s on one core against
 * the npm option-pricing packages, on issue 12's fixed seeded set (see quant-cases.ts), every library on the
 * same inputs and timed in interleaved rounds; each one's max error vs ours (prices, delta) and vs the true σ
 * (IV, with the count of results off by more than 1e-8); then the IV failure count over 1,000,000 wide
 * in-bounds cases and the SVI fit time of a 9-strike smile. Writes bench/results/quant.json.
 * `npm run bench:quant -- --quick` runs a smaller sample.
 */
import { BlackScholes } from '@uqee/black-scholes';
import { BlackScholesCalculator, Option, blackFormula1, blackFormulaImpliedStdDev1 } from '@quantlib/ql';
import * as bsPkg from 'black-scholes';
import * as greeksPkg from 'greeks';
import * as ivPkg from 'implied-volatility';
import { SET_DESCRIPTION, chainSet, columns, issueSet, ivInputs } from './quant-cases.ts';
import { type Row, report } from './quant-report.ts';
import { type Case, ivFailures, sviFitTime } from './quant-robustness.ts';
import { measure, rate, taskList } from './quant-timing.ts';
import {
  bsGreeks,
  bsGreeksBatch,
  bsPrice,
  bsPriceBatch,
  impliedVol,
  impliedVolBatch,
} from '../src/quant/index.ts';
import { greeksColumns, type GreeksBatch } from '../src/quant/batch-columns.ts';

const QUICK = process.argv.includes('--quick');
const N = QUICK ? 20_000 : 200_000;
const N_IV_FAIL = QUICK ? 100_000 : 1_000_000;
const ROUNDS = QUICK ? 3 : 9;
const MIN_SAMPLE_MS = QUICK ? 20 : 60;
const CHAIN_EXPIRIES = 100;
/** The IV bar: a result off the true σ by more than this is a failure. */
const IV_TOL = 1e-8;
/** QuantLib's solver accuracy (on σ√T), where it meets IV_TOL on this set. */
const QL_ACCURACY = 1e-10;

const uqee = new BlackScholes({ sigmaToPricePrecision: 'double' });
const uqeeIv = new BlackScholes({
  sigmaToPricePrecision: 'double',
  priceToSigmaMethod: 'newton-raphson',
  priceToSigmaAccuracy: 1e-12,
  priceToSigmaNRIteractions: 100,
});
const qlType = (c: Case): number => (c.type === 'call' ? Option.Type.Call : Option.Type.Put);

/** Σ of the first `n` values: the batch tasks read every result back, as the scalar tasks do. */
function sumColumn(col: Float64Array, n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += col[i] as number;
  return acc;
}

/** Σ of all five Greek columns over the first `n` rows. */
function sumGreeks({ delta, gamma, vega, theta, rho }: GreeksBatch, n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i++)
    acc +=
      (delta[i] as number) +
      (gamma[i] as number) +
      (vega[i] as number) +
      (theta[i] as number) +
      (rho[i] as number);
  return acc;
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
  const cases = issueSet(N, 42);
  const ref = Float64Array.from(cases, (c) => bsPrice(c));
  // Keep only the numbers: retaining 200k result objects would make V8 pretenure bsGreeks' allocation site.
  const refDelta = Float64Array.from(cases, (c) => bsGreeks(c).delta);
  const cols = columns(cases);
  const { ivCases, price: ivPrice, sigma: ivTrue } = ivInputs(cases);
  const NIV = ivCases.length;
  const { sigma: _s, ...ivCols0 } = columns(ivCases);
  const ivCols = { ...ivCols0, price: ivPrice };
  /** Max |σ̂ − σ| and the count above IV_TOL over the first n IV inputs. */
  const ivCheck = (f: (c: Case, i: number) => number, n: number): Pick<Row, 'ivErr' | 'ivFails' | 'ivN'> => {
    let m = 0;
    let fails = 0;
    for (let i = 0; i < n; i++) {
      const v = f(ivCases[i] as Case, i);
      const e = Number.isFinite(v) ? Math.abs(v - (ivTrue[i] as number)) : Infinity;
      if (!(e <= IV_TOL)) fails++;
      if (e > m) m = e;
    }
    return { ivErr: m, ivFails: fails, ivN: n };
  };
  const { tasks, task } = taskList();
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
  // --- ours, batch: columns in, columns out; every Greek column is read back, as the scalar task reads all five.
  const out = new Float64Array(N);
  const gOut = greeksColumns(N);
  const ivOut = new Float64Array(NIV);
  const batchT = {
    prices: task(N, () => {
      return sumColumn(bsPriceBatch(cols, out), N);
    }),
    greeks: task(N, () => {
      return sumGreeks(bsGreeksBatch(cols, gOut), N);
    }),
    iv: task(NIV, () => {
      return sumColumn(impliedVolBatch(ivCols, ivOut), NIV);
    }),
  };

  // --- ours on chains: the same work shaped as 100 expiries × 2,000 strikes (T, r and S shared per expiry),
  // where the batch computes √T and e^{−rT} once per expiry; scalar and batch consume every result as above.
  const chain = chainSet(N, CHAIN_EXPIRIES);
  const chainCols = columns(chain);
  const chainT = {
    scalarPrices: task(N, () => {
      let acc = 0;
      for (const c of chain) acc += bsPrice(c);
      return acc;
    }),
    batchPrices: task(N, () => {
      return sumColumn(bsPriceBatch(chainCols, out), N);
    }),
    scalarGreeks: task(N, () => {
      let acc = 0;
      for (const c of chain) {
        const g = bsGreeks(c);
        acc += g.delta + g.gamma + g.vega + g.theta + g.rho;
      }
      return acc;
    }),
    batchGreeks: task(N, () => {
      return sumGreeks(bsGreeksBatch(chainCols, gOut), N);
    }),
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

  // --- @quantlib/ql. Its Black formula takes the discount factor and forward, not r: computed here from r and
  // T for every case, inside the timed loop, like every other library has to (no precomputed inputs).
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
    const p = ivPrice[i] as number;
    const sd = blackFormulaImpliedStdDev1(
      qlType(c),
      c.K,
      c.S / d,
      p,
      d,
      0,
      null as unknown as number,
      QL_ACCURACY,
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

  // --- black-scholes, greeks, implied-volatility (Loppatto; no yield): slow, so on the first cases only.
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

  const robustness = ivFailures(N_IV_FAIL);
  const svi = sviFitTime();
  console.log(
    `\nQuant benchmark: the same ${N.toLocaleString('en')} seeded inputs for every library (${SET_DESCRIPTION}).`,
  );
  console.log(
    `Rates per CPU-second of this process: median of ${ROUNDS} interleaved rounds (order rotated each round), ` +
      `each sample ≥ ${MIN_SAMPLE_MS} ms of CPU, ` +
      'after warm-up; every result summed into a local (all five Greeks for every library, every batch column read).',
  );
  console.log(
    `Errors: max |Δ| vs gamma quant on price (USD) and delta; IV vs the true σ, failures = off by > ${IV_TOL} ` +
      `(of the inputs each library was timed on; QuantLib at accuracy ${QL_ACCURACY}).\n`,
  );
  measure(tasks, { rounds: ROUNDS, minMs: MIN_SAMPLE_MS });

  const batchIv = impliedVolBatch(ivCols);
  const batchPrices = bsPriceBatch(cols);
  const batchGreeks = bsGreeksBatch(cols);
  const ours: Row = {
    name: 'gamma quant (scalar)',
    prices: rate(oursT.prices),
    greeks: rate(oursT.greeks),
    iv: rate(oursT.iv),
    priceErr: 0,
    greekErr: 0,
    ...ivCheck(bsIv, NIV),
  };
  const batch: Row = {
    name: 'gamma quant (batch)',
    prices: rate(batchT.prices),
    greeks: rate(batchT.greeks),
    iv: rate(batchT.iv),
    priceErr: maxErr(cases, (_c, i) => batchPrices[i] as number, ref),
    greekErr: maxErr(cases, (_c, i) => batchGreeks.delta[i] as number, refDelta),
    ...ivCheck((_c, i) => batchIv[i] as number, NIV),
  };
  const others: Row[] = [
    {
      name: '@quantlib/ql',
      prices: rate(qlT.prices),
      greeks: rate(qlT.greeks),
      iv: rate(qlT.iv),
      priceErr: maxErr(cases, (c) => qlPrice(c), ref),
      greekErr: maxErr(cases, (c) => qlCalc(c).delta(), refDelta),
      ...ivCheck(qlIv, NQ),
    },
    {
      name: '@uqee/black-scholes',
      prices: rate(uqT.prices),
      greeks: rate(uqT.greeks),
      iv: rate(uqT.iv),
      priceErr: maxErr(cases, (c) => uq(c).price, ref),
      greekErr: maxErr(cases, (c) => uq(c).delta, refDelta),
      ...ivCheck(uqSigma, NIV),
    },
    {
      name: 'black-scholes + greeks',
      prices: rate(lopT.prices),
      greeks: rate(lopT.greeks),
      priceErr: maxErr(lop, (c) => bsPkg.blackScholes(c.S, c.K, c.T, c.sigma, c.r, c.type), ref),
      greekErr: maxErr(lop, (c) => greeksPkg.getDelta(c.S, c.K, c.T, c.sigma, c.r, c.type), refDelta),
    },
    { name: 'implied-volatility', iv: rate(lopT.iv), ...ivCheck(ivl, NI) },
  ];
  const set = {
    description: SET_DESCRIPTION,
    n: N,
    ivInputs: NIV,
    seed: 42,
    rounds: ROUNDS,
    minSampleMs: MIN_SAMPLE_MS,
  };
  const chains = {
    expiries: CHAIN_EXPIRIES,
    strikesPerExpiry: N / CHAIN_EXPIRIES,
    scalarPrices: rate(chainT.scalarPrices),
    batchPrices: rate(chainT.batchPrices),
    scalarGreeks: rate(chainT.scalarGreeks),
    batchGreeks: rate(chainT.batchGreeks),
  };
  report(
    { ours, batch, others, chains },
    { quick: QUICK, set, ivTolerance: IV_TOL, quantLibAccuracy: QL_ACCURACY, robustness, svi },
  );
}

run();
