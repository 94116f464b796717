/**
 * `npm run bench:audit-growth [-- --hours 24 --intents 2000]`: records one simulated day at the configured
 * rates (the defaults unless set in the environment) into a fresh PGlite audit store through the store's own insert path, runs the compaction pass the
 * audit recorder runs, and prints the store's size without and with compaction, side by side.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { runCompactionPass, type CompactionPassReport } from '../audit-retention.ts';
import { pgliteClient } from '../pglite-audit-store.ts';
import { SqlAuditStore } from '../sql-audit-store.ts';
import { loadConfig, type AppConfig } from '../../config/app-config.ts';
import { processEnvironment } from '../../config/env.ts';
import { createLogger } from '../../lib/logger.ts';
import { formatReport, sizesOf, type Sizes } from './growth-report.ts';
import { marketRatesOf, SimulatedMarket } from './simulated-market.ts';
import { emitIntentFlow } from './simulated-trading.ts';
import { RowSink } from './stream-ids.ts';

const HOUR_MS = 3_600_000;
/** Midnight UTC of the simulated day */
const START_MS = Date.parse('2026-03-02T00:00:00.000Z');
/** Rows gathered before one `store.insert` (the recorder's batches are smaller; the rows are the same) */
const INSERT_ROWS = 2000;

const { values: args } = parseArgs({
  options: { hours: { type: 'string', default: '24' }, intents: { type: 'string', default: '2000' } },
});
const hours = Number(args.hours);
const intentsPerDay = Number(args.intents);

/** Records `hours` of simulated time; returns the rows recorded per stream. */
async function recordDay(store: SqlAuditStore, config: AppConfig): Promise<Map<string, number>> {
  const rates = marketRatesOf(config);
  const market = new SimulatedMarket(config, rates, START_MS);
  const sink = new RowSink();
  const endMs = START_MS + hours * HOUR_MS;
  const intentEveryMs = (24 * HOUR_MS) / intentsPerDay;
  let nextIntent = 0;
  const began = performance.now();
  for (let ms = START_MS; ms < endMs; ms += market.stepMs) {
    sink.nowMs = ms;
    market.step(ms, sink.emit);
    for (; START_MS + nextIntent * intentEveryMs <= ms; nextIntent += 1) {
      const at = {
        ms,
        spot: market.spotOf('BTC/USDT'),
        riskAfterFill: () => market.riskAfterFill(ms, sink.emit),
      };
      emitIntentFlow(sink.emit, nextIntent, at);
    }
    if (sink.pending >= INSERT_ROWS) await store.insert(sink.take());
    if ((ms - START_MS) % HOUR_MS === 0 && ms > START_MS)
      process.stderr.write(
        `recorded ${(ms - START_MS) / HOUR_MS} h of ${hours} (${Math.round((performance.now() - began) / 1000)} s)\n`,
      );
  }
  await store.insert(sink.take());
  return sink.counts;
}

/**
 * Compacts the day as the recorder would: first one pass as in steady state (the clock one compaction
 * interval past the day's start + the raw window: only the day's first interval leaves the window), then
 * a pass with the whole day outside it, as a day later.
 */
async function compactDay(
  store: SqlAuditStore,
  config: AppConfig,
): Promise<{ steady: CompactionPassReport; pass: CompactionPassReport }> {
  const { marketRawHours: rawHours, compactBatchRows: batchRows, compactIntervalS } = config.auditRecorder;
  const log = createLogger('info', { service: 'bench' });
  const settings = { rawHours, batchRows };
  const steadyNow = START_MS + rawHours * HOUR_MS + compactIntervalS * 1000;
  const steady = await runCompactionPass(store.compaction, settings, { nowMs: steadyNow, log });
  const dayLater = START_MS + hours * HOUR_MS + rawHours * HOUR_MS;
  const pass = await runCompactionPass(store.compaction, settings, { nowMs: dayLater, log });
  return { steady, pass };
}

async function main(): Promise<void> {
  const config = loadConfig(processEnvironment());
  const rawHours = config.auditRecorder.marketRawHours;
  const dir = await mkdtemp(join(tmpdir(), 'gamma-audit-growth-'));
  const db = await PGlite.create(join(dir, 'pglite'));
  const store = new SqlAuditStore(pgliteClient(db), { description: 'pglite:bench' });
  try {
    await store.migrate();
    const began = performance.now();
    const counts = await recordDay(store, config);
    const recordS = (performance.now() - began) / 1000;
    const raw: Sizes = await sizesOf(db, dir);
    const { steady, pass } = await compactDay(store, config);
    const afterPass = await sizesOf(db, dir);
    await db.exec('VACUUM FULL audit_events');
    const compacted = await sizesOf(db, dir);
    const rates = marketRatesOf(config);
    process.stdout.write(
      formatReport({
        hours,
        rawHours,
        intentsPerDay,
        rates,
        counts,
        recordS,
        steady,
        raw,
        afterPass,
        compacted,
        pass,
      }),
    );
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
