import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { SoakOptions } from './soak-options.ts';
import { FLAT_PCT, type Sample, type SoakReport } from './soak-series.ts';

const RESULTS = join(import.meta.dirname, '..', 'results');
const f1 = (n: number) => n.toFixed(1);

export function printSoak(
  report: SoakReport & { decisions: Record<string, number> },
  options: SoakOptions,
): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `\nsoak: ${options.minutes} min at ${options.rate} intents/s, ${report.samples} samples after a ${options.warmupS} s warm-up, load ${loadavg().map(f1).join(' ')}`,
  );
  out('\nprocess            RSS first MB  RSS last MB  change %  slope MB/min  flat (±10 %)');
  for (const r of report.rss)
    out(
      `${r.name.padEnd(18)} ${f1(r.first).padStart(12)} ${f1(r.last).padStart(12)} ${f1(r.change_pct).padStart(9)} ${r.slope_per_min.toFixed(2).padStart(13)}  ${r.flat ? 'yes' : 'NO'}`,
    );
  out('\nstream                         length first   length last   entries/min');
  for (const s of report.streams.filter((x) => x.last > 0))
    out(
      `${s.name.padEnd(30)} ${f1(s.first).padStart(12)} ${f1(s.last).padStart(13)} ${f1(s.slope_per_min).padStart(13)}`,
    );
  const r = report.redis;
  out(
    `\nredis used_memory: ${f1(r.first)} → ${f1(r.last)} MB (${f1(r.change_pct)} %, ${r.slope_per_min.toFixed(2)} MB/min)`,
  );
  const statuses = Object.entries(report.decisions).map(([k, v]) => `${k} ${v}`);
  out(`decisions: ${statuses.join(', ')}`);
  const gamma = report.rss.filter((x) => x.name !== 'bare-consumer');
  out(
    `verdict: ${gamma.every((x) => x.flat) ? 'every process' : 'NOT every process'} flat within ±${FLAT_PCT} %`,
  );
}

export function writeSoak(report: SoakReport, options: SoakOptions, samples: Sample[]): string {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'soak.json');
  const body = { at: new Date().toISOString(), load: loadavg(), options, report, samples };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}
