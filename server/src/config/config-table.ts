import { CONFIG_SECTIONS, type AppConfig } from './app-config.ts';
import { InvalidInputError } from '../errors/index.ts';
import type { Setting } from './setting.ts';

/** Where the generated table sits in the README. */
export const TABLE_START =
  '<!-- config-table:start: generated from the config schemas by `npm run docs:config` -->';
export const TABLE_END = '<!-- config-table:end -->';

/** Who reads a section, as the README's "Used by" column says it. */
const READERS: Record<keyof AppConfig, string> = {
  process: 'all',
  engine: 'engine',
  optionExecution: 'option-execution',
  riskService: 'risk-service',
  killSwitch: 'kill-switch',
  strategyRunner: 'strategy-runner',
  paperExchange: 'paper-exchange',
  marketSimulator: 'market-simulator',
  volForecaster: 'vol-forecaster',
  auditRecorder: 'audit-recorder',
  desk: 'gateway',
};

// Read by the tooling, not by the server: documented here so the README lists every variable in one table
const TOOLING_ROWS: string[][] = [
  [
    '`VITE_TRPC_URL`, `VITE_TRPC_WS_URL`',
    'same origin `/trpc`',
    'console build',
    'where the API is, when not served by the gateway',
  ],
  ['`CHROMIUM_PATH`', '`/usr/bin/chromium`', 'e2e tests', 'browser for the Playwright tests'],
  [
    '`E2E_PORT`',
    '`4310`',
    'e2e tests',
    'port of the stack a Playwright run starts (its simulated sentiment API on the next port)',
  ],
  [
    '`E2E_SCREENSHOT_DIR`',
    'unset',
    'e2e tests',
    'where `reconnect.spec.ts` and `explain-hops.spec.ts` save screenshots of the console (unset: none)',
  ],
  [
    '`TEST_REDIS_URL`',
    '`REDIS_URL`',
    'tests',
    'Redis for the integration tests (each test uses its own key prefix)',
  ],
];

/** The README's default of a setting: derived text, `unset`, `empty` or the schema's default. */
function defaultOf(definition: Setting): string {
  if (definition.defaultText !== undefined) return definition.defaultText;
  const value: unknown = definition.schema.parse(undefined);
  if (value === undefined) return 'unset';
  if (Array.isArray(value) && value.length === 0) return 'empty';
  return `\`${definition.reader.format(value)}\``;
}

interface Row {
  variable: string;
  defaultText: string;
  /** Filled in as later sections turn out to read the variable too */
  readers: string[];
  meaning: string;
}

/** One row per variable (in section order, each once, with every section that reads it), then each section's families. */
function settingRows(): Row[] {
  const rows = new Map<string, Row>();
  for (const [name, section] of Object.entries(CONFIG_SECTIONS)) {
    const reader = READERS[name as keyof AppConfig];
    for (const definition of section.settings) {
      const row = rows.get(definition.variable);
      if (row !== undefined) {
        if (!row.readers.includes(reader)) row.readers.push(reader);
        continue;
      }
      const { variable, meaning } = definition;
      rows.set(variable, {
        variable: `\`${variable}\``,
        defaultText: defaultOf(definition),
        readers: [reader],
        meaning,
      });
    }
    for (const { pattern, meaning } of section.families ?? [])
      rows.set(pattern, { variable: `\`${pattern}\``, defaultText: '–', readers: [reader], meaning });
  }
  return [...rows.values()];
}

const escapeCell = (cell: string): string => cell.replaceAll('|', '\\|');

/** Markdown table lines with padded columns, so the README reads well as text too. */
function markdownTable(header: string[], rows: string[][]): string[] {
  const cells = [header, ...rows].map((row) => row.map(escapeCell));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)];
}

/** The README's configuration table, generated from the sections' settings (markers included). */
export function configTable(): string {
  const rows = [
    ...settingRows().map((row) => [row.variable, row.defaultText, row.readers.join(', '), row.meaning]),
    ...TOOLING_ROWS,
  ];
  return [TABLE_START, ...markdownTable(['Variable', 'Default', 'Used by', 'Meaning'], rows), TABLE_END].join(
    '\n',
  );
}

/** A README with its table replaced by `table`; throws when the markers are missing. */
export function withConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new InvalidInputError(`README: the markers ${TABLE_START} … ${TABLE_END} are missing`);
  return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}
