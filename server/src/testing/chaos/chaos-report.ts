import type { ChaosOptions } from './chaos-options.ts';
import type { RedisRestart } from './redis-restarts.ts';
import type { StopResult } from './service-process.ts';
import type { Findings } from './verify-run.ts';

/** The run's limits (issue 8): decisions flowing ≤ 5 s after Redis is back, stop within 10 s. */
export const RESUME_LIMIT_MS = 5_000;
export const STOP_LIMIT_MS = 10_000;

/** Everything the summary shows. */
export interface ChaosOutcome {
  options: ChaosOptions;
  findings: Findings;
  settled: boolean;
  quiesceMs: number;
  restarts: RedisRestart[];
  stops: StopResult[];
  kills: number;
  unexpectedExits: string[];
  /** ms from spawn to running, of every process start (first starts and restarts) */
  startTimes: { process: string; ms: number }[];
  durationMs: number;
}

interface Row {
  criterion: string;
  value: string;
  limit: string;
  pass: boolean;
}

const seconds = (ms: number | null): string => (ms === null ? 'none' : `${(ms / 1000).toFixed(2)} s`);

function rows(o: ChaosOutcome): Row[] {
  const f = o.findings;
  const count = (criterion: string, n: number): Row => ({
    criterion,
    value: String(n),
    limit: '0',
    pass: n === 0,
  });
  const resume = o.restarts.map((r, i) => ({
    criterion: `decisions resume after Redis restart ${i + 1}`,
    value: seconds(r.resumeMs),
    limit: `≤ ${seconds(RESUME_LIMIT_MS)}`,
    pass: r.resumeMs !== null && r.resumeMs <= RESUME_LIMIT_MS,
  }));
  const slowest = o.stops.reduce(
    (a, b) => (b.ms > a.ms ? b : a),
    o.stops[0] ?? { ms: 0, process: '-', hung: false },
  );
  return [
    count('intents without a decision', f.undecided.length),
    count('approved intents missing a leg fill', new Set(f.missingLegs.map((m) => m.intentId)).size),
    count('client order ids filled twice', f.duplicateFills.length),
    ...resume,
    {
      criterion: 'quiescence (work groups drained)',
      value: o.settled ? 'yes' : 'stalled',
      limit: 'yes',
      pass: o.settled,
    },
    {
      criterion: `stop with Redis gone (slowest: ${slowest.process})`,
      value: seconds(slowest.ms),
      limit: `≤ ${seconds(STOP_LIMIT_MS)}`,
      pass: o.stops.every((s) => !s.hung && s.ms <= STOP_LIMIT_MS),
    },
  ];
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - text.length));

/** Prints the facts of the run and the criteria table; returns whether every criterion passed. */
export function printReport(o: ChaosOutcome, details: readonly string[]): boolean {
  const f = o.findings;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('');
  out(
    `chaos: seed ${o.options.seed}, ${o.options.intents} intents at ${o.options.rate}/s, ${o.kills} kill -9s, ${o.restarts.length} Redis restart(s), ${seconds(o.durationMs)}`,
  );
  out(
    `chaos: published ${f.published}, in the stream ${f.published - f.missingFromStream.length}, decisions ${JSON.stringify(f.statuses)}`,
  );
  out(
    `chaos: approved ${f.approved}, all legs filled ${f.filled}, execution_rejected after approval ${f.executionRejected.length}, duplicate decision ids ${f.duplicateDecisions.length}`,
  );
  for (const r of o.restarts)
    out(
      `chaos: Redis down ${seconds(r.backAt - r.downAt)} (AOF loaded in ${seconds(r.loadMs)}), decisions flowing ${seconds(r.resumeMs)} after it answered (third intake decision)`,
    );
  out(
    `chaos: quiescence ${o.settled ? 'reached' : 'NOT reached (stalled)'} after ${seconds(o.quiesceMs)}; stop times ${o.stops.map((s) => `${s.process} ${seconds(s.ms)} (code ${s.code ?? s.signal})`).join(', ')}`,
  );
  const starts = [...o.startTimes].sort((a, b) => a.ms - b.ms);
  const slowestStart = starts.at(-1);
  if (slowestStart !== undefined)
    out(
      `chaos: ${starts.length} process starts, median ${seconds(starts[Math.floor(starts.length / 2)]?.ms ?? 0)}, slowest ${seconds(slowestStart.ms)} (${slowestStart.process})`,
    );
  if (o.unexpectedExits.length > 0)
    out(`chaos: processes that exited on their own: ${o.unexpectedExits.join('; ')}`);
  if (f.missingFromStream.length > 0)
    out(
      `chaos: WARNING ${f.missingFromStream.length} published intents are not in the stream (lost by Redis)`,
    );
  for (const line of details) out(`  ${line}`);
  const table = rows(o);
  const w = Math.max(...table.map((r) => r.criterion.length));
  out('');
  out(`${pad('criterion', w)}  ${pad('value', 9)}  ${pad('limit', 9)}  result`);
  for (const r of table)
    out(`${pad(r.criterion, w)}  ${pad(r.value, 9)}  ${pad(r.limit, 9)}  ${r.pass ? 'PASS' : 'FAIL'}`);
  const pass = table.every((r) => r.pass);
  out('');
  out(
    `chaos: ${pass ? 'PASS' : 'FAIL'} (reproduce: npm run test:chaos -- --seed ${o.options.seed} --intents ${o.options.intents} --kills ${o.options.kills} --redis-restarts ${o.options.redisRestarts} --rate ${o.options.rate})`,
  );
  return pass;
}
