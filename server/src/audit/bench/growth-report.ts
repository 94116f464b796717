import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { CompactionPassReport } from '../audit-retention.ts';
import type { MarketRates } from './simulated-market.ts';

/** The store's size at one moment. */
export interface Sizes {
  rows: number;
  /** Rows per stream */
  byStream: Map<string, number>;
  /** pg_total_relation_size of the audit tables (heap, TOAST, indexes) */
  tableBytes: number;
  /** Every file under the data dir, and the part that is write-ahead log */
  diskBytes: number;
  walBytes: number;
}

async function bytesUnder(dir: string): Promise<{ total: number; wal: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let total = 0;
  let wal = 0;
  for (const e of entries) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const size = (await stat(path)).size;
    total += size;
    if (path.includes('/pg_wal/')) wal += size;
  }
  return { total, wal };
}

/** Measures the store (after a checkpoint, so the data files hold what was written). */
export async function sizesOf(db: PGlite, dir: string): Promise<Sizes> {
  await db.exec('CHECKPOINT');
  const streams = await db.query<{ stream: string; n: string }>(
    'SELECT stream, count(*) AS n FROM audit_events GROUP BY stream ORDER BY stream',
  );
  const size = await db.query<{ bytes: string }>(
    `SELECT pg_total_relation_size('audit_events') + pg_total_relation_size('audit_compaction') AS bytes`,
  );
  const byStream = new Map(streams.rows.map((r) => [r.stream, Number(r.n)]));
  const disk = await bytesUnder(dir);
  return {
    rows: [...byStream.values()].reduce((a, b) => a + b, 0),
    byStream,
    tableBytes: Number(size.rows[0]?.bytes ?? 0),
    diskBytes: disk.total,
    walBytes: disk.wal,
  };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const pad = (text: string, width: number): string => text.padEnd(width);
const row = (label: string, a: string, b: string): string => `${pad(label, 46)}${pad(a, 22)}${b}\n`;

export interface GrowthRun {
  hours: number;
  rawHours: number;
  intentsPerDay: number;
  rates: MarketRates;
  counts: Map<string, number>;
  recordS: number;
  /** After recording (what the store keeps without compaction) */
  raw: Sizes;
  /** After the compaction pass and its plain VACUUM (freed space stays in the files, reusable) */
  afterPass: Sizes;
  /** After VACUUM FULL (what the compacted day occupies once its freed space is reused) */
  compacted: Sizes;
  /** The first pass, as in steady state (one interval of raw rows leaves the window) */
  steady: CompactionPassReport;
  /** The pass that compacts the rest of the day */
  pass: CompactionPassReport;
}

const passText = (p: CompactionPassReport): string =>
  `${p.compacted} rows compacted, ${p.kept} kept, ${p.ms} ms (VACUUM ${p.reclaimMs} ms)`;

function header(run: GrowthRun): string {
  const r = run.rates;
  return (
    `audit store growth: ${run.hours} simulated h, fresh PGlite store, at these settings (the defaults unless set in the environment)\n` +
    `  ${r.underlyings.length} underlyings (${r.underlyings.join(', ')}); a spot and a perpetual tick each every ` +
    `${r.tickMs} ms, a surface each every ${r.surfaceMs / 1000} s, portfolio.risk each every ${r.riskMs} ms and ` +
    `after each fill, 3 forecasts each every ${r.forecastMs / 1000} s, macro state every ${r.macroMs / 1000} s; ` +
    `${run.intentsPerDay} intents a day (manual approval: 70 % approved and filled, half straddles)\n` +
    `  recorded in ${run.recordS.toFixed(0)} s; AUDIT_MARKET_RAW_H=${run.rawHours}\n` +
    `  a pass as in steady state (clock at day start + ${run.rawHours} h + one interval): ${passText(run.steady)}\n` +
    `  then the rest of the day (clock at day end + ${run.rawHours} h): ${passText(run.pass)}\n\n`
  );
}

/** The figures, without and with compaction side by side. */
export function formatReport(run: GrowthRun): string {
  const perDay = 24 / run.hours;
  const streams = [...run.counts.keys()].sort();
  let text = header(run) + row('', 'without compaction', 'with compaction');
  for (const s of streams)
    text += row(
      `  rows ${s}`,
      String(run.raw.byStream.get(s) ?? 0),
      String(run.compacted.byStream.get(s) ?? 0),
    );
  text += row('  rows, all streams', String(run.raw.rows), String(run.compacted.rows));
  text += row('audit tables (pg_total_relation_size)', mb(run.raw.tableBytes), mb(run.compacted.tableBytes));
  text += row('  right after the pass (plain VACUUM)', '', mb(run.afterPass.tableBytes));
  text += row(
    'data dir on disk, without pg_wal',
    mb(run.raw.diskBytes - run.raw.walBytes),
    mb(run.compacted.diskBytes - run.compacted.walBytes),
  );
  text += row('  pg_wal', mb(run.raw.walBytes), mb(run.compacted.walBytes));
  text += row(
    `growth per day${run.hours === 24 ? '' : ` (scaled from ${run.hours} h)`}`,
    `${mb(run.raw.tableBytes * perDay)}/day`,
    `${mb(run.compacted.tableBytes * perDay)}/day  (goal ≤ 100 MB/day)`,
  );
  text +=
    `\nWith compaction the store also holds, at any time, the last AUDIT_MARKET_RAW_H = ${run.rawHours} h of raw ` +
    `rows (the left column is one day of them); the space of compacted rows is reused by new rows.\n`;
  return text;
}
