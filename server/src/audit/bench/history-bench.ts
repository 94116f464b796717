import { HistorySearchInputSchema } from '@gamma/shared';
import { openPgliteAuditStore } from '../pglite-audit-store.ts';
import { historyRows } from '../../testing/history-rows.ts';

// npm run bench:history: a 10,000-row history search against a plain audit range of the same size, on the
// embedded store in memory (10,000 intents with their decisions, orders and fills); best of five runs each.
const INTENTS = 10_000;
const RUNS = 5;

const best = async (run: () => Promise<number>): Promise<{ ms: number; rows: number }> => {
  let ms = Number.POSITIVE_INFINITY;
  let rows = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    rows = await run();
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, rows };
};

const store = await openPgliteAuditStore({ dataDir: 'memory://' });
try {
  const startMs = Date.parse('2026-03-02T00:00:00.000Z');
  await store.insert(historyRows({ idPrefix: 'bench', intents: INTENTS, startMs, stepMs: 1000 }));
  const history = store.history;
  if (history === undefined) throw new TypeError('the SQL audit store has a history search');
  const search = await best(
    async () => (await history.search(HistorySearchInputSchema.parse({ limit: INTENTS }))).rows.length,
  );
  const range = await best(
    async () => (await store.range({ stream: 'strategy.intent', limit: INTENTS })).length,
  );
  const line = (name: string, r: { ms: number; rows: number }) =>
    `${name.padEnd(34)} ${String(r.rows).padStart(6)} rows  ${r.ms.toFixed(0).padStart(6)} ms`;
  process.stdout.write(
    `${line('history.search (intents, status)', search)}\n${line('audit range (strategy.intent)', range)}\n` +
      `ratio search / range: ${(search.ms / range.ms).toFixed(2)}\n`,
  );
} finally {
  await store.close();
}
