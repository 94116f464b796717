import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const RESULTS = join(import.meta.dirname, '..', 'results');

/** Prints rows as an aligned table (first row: the header). */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  for (const [n, row] of rows.entries()) {
    process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}\n`);
    if (n === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}

/** The machine's load (1, 5, 15 min) as `uptime` shows it. */
export const machineLoad = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/** Writes `bench/results/<name>.json` and says where. */
export function writeResults(name: string, results: unknown): void {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`results: ${file}\n`);
}

/** `x` with `digits` decimals, or `-` when it is not a finite number. */
export const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
