import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SECTIONS } from './app-config.ts';
import { configTable, TABLE_END, TABLE_START, withConfigTable } from './config-table.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README configuration table', () => {
  it('is the one the config schemas generate (run `npm run docs:config` after changing a setting)', () => {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END) + TABLE_END.length;
    expect(readme.slice(start, end)).toBe(configTable());
  });

  it('has one row per variable of every section', () => {
    const variables = Object.values(CONFIG_SECTIONS).flatMap((section) =>
      section.settings.map((s) => s.variable),
    );
    const lines = configTable().split('\n');
    for (const variable of new Set(variables))
      expect(lines.filter((line) => line.startsWith(`| \`${variable}\` `))).toHaveLength(1);
  });
});

describe('configTable', () => {
  it('shows shared variables with every service reading them, and derived or empty defaults as such', () => {
    const table = configTable();
    expect(table).toMatch(/\| `EXEC_MIN_EXPIRY_H` +\| `24` +\| engine, option-execution +\|/);
    expect(table).toMatch(/\| `SIM_SENTIMENT_PORT` +\| `PORT` \+ 1 +\|/);
    expect(table).toMatch(/\| `AUTO_APPROVE_ACTIONS` +\| empty +\|/);
    expect(table).toMatch(/\| `RISK_MAX_POSITION_QTY` +\| `BTC:5,ETH:50` +\|/);
  });
});

describe('withConfigTable', () => {
  it('replaces what is between the markers and keeps the rest', () => {
    const doc = `# A\n${TABLE_START}\nold\n${TABLE_END}\n## B\n`;
    expect(withConfigTable(doc, `${TABLE_START}\nnew\n${TABLE_END}`)).toBe(
      `# A\n${TABLE_START}\nnew\n${TABLE_END}\n## B\n`,
    );
  });

  it('throws when the markers are missing', () => {
    expect(() => withConfigTable('# A\n', 'x')).toThrow(/markers/);
  });
});
