/** The quant benchmark's output: the table, the ratios against the targets, and bench/results/quant.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** One library's (or one of our APIs') figures: rates in operations/s, errors as printed. */
export interface Row {
  name: string;
  prices?: number;
  greeks?: number;
  iv?: number;
  priceErr?: number;
  greekErr?: number;
  ivErr?: number;
  /** IV results off the true σ by more than 1e-8 (or not finite), of `ivN` inputs. */
  ivFails?: number;
  ivN?: number;
}

/** Our scalar and batch rates on chain-shaped inputs (see chainSet). */
export interface ChainRates {
  expiries: number;
  strikesPerExpiry: number;
  scalarPrices: number;
  batchPrices: number;
  scalarGreeks: number;
  batchGreeks: number;
}

/** The goals of issue 12 this benchmark checks: IV ≥ 4× QuantLib, batch Greeks ≥ scalar. */
export const TARGETS = { ivVsQuantLib: 4, batchGreeksVsScalar: 1 };

/** Accurate enough to compare against: prices and delta within 1e-6 of ours, IV within 1e-8 of the true σ. */
const PRICE_OK = 1e-6;

const fmtRate = (v?: number): string => (v === undefined ? '—' : `${(v / 1e6).toFixed(3)} M/s`);
const fmtErr = (v?: number): string => (v === undefined ? '—' : v === 0 ? 'ref' : v.toExponential(1));
const fmtFails = (r: Row): string => (r.ivFails === undefined ? '—' : `${r.ivFails} / ${r.ivN ?? 0}`);
const x = (a?: number, b?: number): number => (a ?? 0) / (b ?? NaN);

function fastest(rows: Row[], key: 'prices' | 'greeks', errKey: 'priceErr' | 'greekErr'): Row | undefined {
  const pool = rows.filter((r) => r[key] !== undefined && (r[errKey] ?? Infinity) <= PRICE_OK);
  return pool.sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0))[0];
}

/** Prints the table and ratios, writes the JSON; `ours` and `batch` are our rows, `others` the packages. */
export function report(
  { ours, batch, others, chains }: { ours: Row; batch: Row; others: Row[]; chains: ChainRates },
  meta: Record<string, unknown>,
): void {
  const rows = [ours, batch, ...others];
  const head = [
    'library',
    'prices',
    'Greeks (all 5)',
    'IV solves',
    'price err',
    'delta err',
    'IV max err',
    'IV > 1e-8',
  ];
  const lines = rows.map((r) => [
    r.name,
    fmtRate(r.prices),
    fmtRate(r.greeks),
    fmtRate(r.iv),
    fmtErr(r.priceErr),
    fmtErr(r.greekErr),
    r.ivErr === undefined ? '—' : r.ivErr.toExponential(1),
    fmtFails(r),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...lines.map((l) => (l[j] as string).length)));
  const fmt = (cells: string[]): string =>
    `| ${cells.map((c, j) => c.padEnd(widths[j] as number)).join(' | ')} |`;
  console.log(fmt(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  lines.forEach((l) => console.log(fmt(l)));

  const ql = others.find((r) => r.name === '@quantlib/ql');
  const bestP = fastest(others, 'prices', 'priceErr');
  const bestG = fastest(others, 'greeks', 'greekErr');
  const ratios = {
    ivVsQuantLib: { scalar: x(ours.iv, ql?.iv), batch: x(batch.iv, ql?.iv) },
    pricesVsFastest: {
      vs: bestP?.name,
      scalar: x(ours.prices, bestP?.prices),
      batch: x(batch.prices, bestP?.prices),
    },
    greeksVsFastest: {
      vs: bestG?.name,
      scalar: x(ours.greeks, bestG?.greeks),
      batch: x(batch.greeks, bestG?.greeks),
    },
    batchVsScalar: {
      prices: x(batch.prices, ours.prices),
      greeks: x(batch.greeks, ours.greeks),
      iv: x(batch.iv, ours.iv),
    },
  };
  const f = (v: number): string => `${v.toFixed(2)}×`;
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT MET');
  const ivOk = ratios.ivVsQuantLib.scalar >= TARGETS.ivVsQuantLib && (ours.ivFails ?? 1) === 0;
  const gOk = ratios.batchVsScalar.greeks >= TARGETS.batchGreeksVsScalar;
  console.log(
    `\nIV vs QuantLib (accuracy 1e-10): scalar ${f(ratios.ivVsQuantLib.scalar)}, batch ${f(ratios.ivVsQuantLib.batch)}` +
      ` — target ≥ ${TARGETS.ivVsQuantLib}× with 0 failures > 1e-8 in σ: ${met(ivOk)}`,
  );
  console.log(
    `Prices vs the fastest accurate package (${bestP?.name}): scalar ${f(ratios.pricesVsFastest.scalar)}, batch ${f(ratios.pricesVsFastest.batch)}`,
  );
  console.log(
    `Greeks vs the fastest accurate package (${bestG?.name}): scalar ${f(ratios.greeksVsFastest.scalar)}, batch ${f(ratios.greeksVsFastest.batch)}`,
  );
  console.log(
    `Batch vs scalar: prices ${f(ratios.batchVsScalar.prices)}, Greeks ${f(ratios.batchVsScalar.greeks)}` +
      ` (target ≥ ${TARGETS.batchGreeksVsScalar}×: ${met(gOk)}), IV ${f(ratios.batchVsScalar.iv)}`,
  );
  const chainRatios = {
    prices: chains.batchPrices / chains.scalarPrices,
    greeks: chains.batchGreeks / chains.scalarGreeks,
  };
  console.log(
    `On chains (${chains.expiries} expiries × ${chains.strikesPerExpiry} strikes, S, T and r shared per expiry): ` +
      `batch vs scalar prices ${f(chainRatios.prices)}, Greeks ${f(chainRatios.greeks)} ` +
      `(scalar ${fmtRate(chains.scalarGreeks)}, batch ${fmtRate(chains.batchGreeks)} Greeks)`,
  );
  const load = loadavg().map((l) => Number(l.toFixed(2)));
  console.log(`Load average (1, 5, 15 min) at the end of the run: ${load.join(', ')}`);
  writeJson({
    ...meta,
    load,
    rows,
    ratios,
    chains: { ...chains, ratios: chainRatios },
    targets: TARGETS,
    met: { iv: ivOk, batchGreeks: gOk },
  });
}

function writeJson(data: Record<string, unknown>): void {
  const dir = new URL('../../bench/results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('quant.json', dir);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`Wrote ${file.pathname}`);
}
