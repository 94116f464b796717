import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configTable, withConfigTable } from './config-table.ts';

// `npm run docs:config`: rewrites the README's configuration table from the config schemas
const readmePath = fileURLToPath(new URL('../../../README.md', import.meta.url));
const before = readFileSync(readmePath, 'utf8');
const after = withConfigTable(before, configTable());
writeFileSync(readmePath, after);
process.stdout.write(
  after === before
    ? 'README configuration table already up to date\n'
    : 'README configuration table rewritten\n',
);
