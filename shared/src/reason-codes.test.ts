import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isReasonCode, REASON_CODES } from './reason-codes.ts';

const ROOTS = ['../../shared/src', '../../server/src'].map((dir) =>
  fileURLToPath(new URL(dir, import.meta.url)),
);

/** The production sources that can raise a code: not this table, not tests or test helpers. */
function productionSources(): string {
  return ROOTS.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.contract.ts'))
      .filter((file) => !file.startsWith('testing') && file !== 'reason-codes.ts')
      .map((file) => readFileSync(join(root, file), 'utf8')),
  ).join('\n');
}

describe('REASON_CODES', () => {
  it('lists each code once', () => {
    expect(new Set(REASON_CODES).size).toBe(REASON_CODES.length);
  });

  it('has no code that the server or shared code never raises', () => {
    const sources = productionSources();
    const unused = REASON_CODES.filter((code) => !sources.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});

describe('isReasonCode', () => {
  it('accepts the codes of the table only', () => {
    expect(REASON_CODES.every(isReasonCode)).toBe(true);
    expect(isReasonCode('UNKNOWN')).toBe(false);
    expect(isReasonCode('manual_veto')).toBe(false);
    expect(isReasonCode(null)).toBe(false);
  });
});
