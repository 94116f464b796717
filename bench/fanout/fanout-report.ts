import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { FanoutOptions } from './fanout-options.ts';
import type { PhaseResult } from './fanout-phase.ts';

const RESULTS = join(import.meta.dirname, '..', 'results');
/** The target of issue 12: gateway delivery p99 at most this, with no gap. */
export const TARGET_P99_MS = 50;

const median = (values: number[]): number | null => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The figures of both paths over the rounds (medians) and their ratios, gateway over bare. */
export function compare(results: readonly PhaseResult[]) {
  const of = (path: PhaseResult['path'], pick: (r: PhaseResult) => number | null) =>
    median(results.filter((r) => r.path === path).map((r) => pick(r) ?? NaN));
  const p50 = { bare: of('bare', (r) => r.p50_ms), gateway: of('gateway', (r) => r.p50_ms) };
  const p99 = { bare: of('bare', (r) => r.p99_ms), gateway: of('gateway', (r) => r.p99_ms) };
  const ratio = (x: { bare: number | null; gateway: number | null }) =>
    x.bare === null || x.gateway === null ? null : x.gateway / Math.max(1, x.bare);
  const gateway = results.filter((r) => r.path === 'gateway');
  const noGap = gateway.every((r) => r.missing === 0 && r.repeats === 0);
  return {
    p50,
    p99,
    p50_ratio: ratio(p50),
    p99_ratio: ratio(p99),
    gateway_no_gap: noGap,
    target_met: noGap && p99.gateway !== null && p99.gateway <= TARGET_P99_MS,
  };
}

const cell = (value: number | null, width: number) => String(value ?? '–').padStart(width);

export function printFanout(results: readonly PhaseResult[], options: FanoutOptions): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `\nfan-out: ${options.subscribers} subscribers, ${options.rate} events/s, ${options.seconds} s per phase after ${options.warmupS} s of warm-up, load ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  out(
    '\npath     round  events/s  deliveries  p50 ms  p99 ms  p99.9 ms  missing  repeats  gappy subs  drain ms  redis conns',
  );
  for (const r of results)
    out(
      `${r.path.padEnd(8)} ${cell(r.round, 5)} ${cell(r.rate, 9)} ${cell(r.deliveries, 11)} ${cell(r.p50_ms, 7)} ${cell(r.p99_ms, 7)} ${cell(r.p999_ms, 9)} ${cell(r.missing, 8)} ${cell(r.repeats, 8)} ${cell(r.subscribers_with_gaps, 11)} ${cell(r.drain_ms, 9)} ${cell(r.redis_connections, 12)}`,
    );
  const c = compare(results);
  const x = (n: number | null) => (n === null ? '–' : `${n.toFixed(2)}×`);
  out(
    `\nmedian over rounds: p50 bare ${c.p50.bare} ms, gateway ${c.p50.gateway} ms (${x(c.p50_ratio)}); p99 bare ${c.p99.bare} ms, gateway ${c.p99.gateway} ms (${x(c.p99_ratio)})`,
  );
  out(
    `target (gateway p99 ≤ ${TARGET_P99_MS} ms, no gap): ${c.target_met ? 'met' : 'NOT met'}${c.gateway_no_gap ? '' : ' (gaps)'}`,
  );
}

/** Writes `bench/results/fanout.json`; returns its path. */
export function writeFanout(results: readonly PhaseResult[], options: FanoutOptions): string {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, 'fanout.json');
  const report = {
    at: new Date().toISOString(),
    load: loadavg(),
    options,
    target_p99_ms: TARGET_P99_MS,
    ...compare(results),
    phases: results,
  };
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
