import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REASON_CODES } from '@gamma/shared';
import { describe, expect, it } from 'vitest';

const ROOTS = ['../../shared/src', '.'].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));

/** The production sources that can raise a code: not the table itself, not tests or test helpers. */
function productionSources(): string {
  return ROOTS.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.contract.ts'))
      .filter((file) => !file.startsWith('testing') && file !== 'reason-codes.ts')
      .map((file) => readFileSync(join(root, file), 'utf8')),
  ).join('\n');
}

describe('REASON_CODES (shared/src/reason-codes.ts)', () => {
  it('has no code that the server or shared code never raises', () => {
    const sources = productionSources();
    const unused = REASON_CODES.filter((code) => !sources.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});
