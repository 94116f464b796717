import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Probes are linted in memory as files at `path` in the real tree, with the real config but only the
// size rules of CONVENTIONS §27.
const root = join(import.meta.dirname, '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith('max-lines'),
});

async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

/** `n` statements, each on its own line, with a blank line and a comment after each (neither counts). */
const statements = (n: number): string =>
  Array.from({ length: n }, (_, i) => `  sum += ${i};\n\n  // step ${i}`).join('\n');
/** A function of `n` lines in all: its head, n − 3 statements, the return and the closing brace. */
const functionOf = (n: number, name = 'f'): string =>
  `export function ${name}(): number {\n  let sum = 0;\n${statements(n - 4)}\n  return sum;\n}`;
/** A module of `n` counted lines: functions of 50 lines, then one-line constants. */
const moduleOf = (n: number): string => {
  const functions = Array.from({ length: Math.floor(n / 50) }, (_, i) => functionOf(50, `f${i}`));
  const constants = Array.from({ length: n % 50 }, (_, i) => `export const c${i} = ${i};`);
  return [...functions, ...constants].join('\n');
};

describe('lint: size', () => {
  beforeAll(() => ruleIdsFor('server/src/lib/probe.ts', ''), 60_000);

  it('allows functions of 60 lines and stops one of 61, blank lines and comments not counted', async () => {
    expect(await ruleIdsFor('server/src/lib/probe.ts', functionOf(60))).toEqual([]);
    expect(await ruleIdsFor('server/src/lib/probe.ts', functionOf(61))).toEqual(['max-lines-per-function']);
  });

  it('allows files of 250 lines and stops one of 251, in every package', async () => {
    for (const path of ['server/src/lib/probe.ts', 'shared/src/probe.ts', 'web/src/lib/probe.ts']) {
      expect(await ruleIdsFor(path, moduleOf(250))).toEqual([]);
      expect(await ruleIdsFor(path, moduleOf(251))).toEqual(['max-lines']);
    }
  });

  it('applies to React components', async () => {
    const component = (n: number): string =>
      `export function Panel() {\n  let sum = 0;\n${statements(n - 4)}\n  return <p>{sum}</p>;\n}`;
    expect(await ruleIdsFor('web/src/components/probe.tsx', component(60))).toEqual([]);
    expect(await ruleIdsFor('web/src/components/probe.tsx', component(61))).toEqual([
      'max-lines-per-function',
    ]);
  });

  it('lets tests, contract suites and the benchmark be longer', async () => {
    const long = `${moduleOf(251)}\n${functionOf(61, 'g')}`;
    for (const path of [
      'server/src/lib/probe.test.ts',
      'web/src/lib/probe.test.tsx',
      'e2e/specs/probe.spec.ts',
      'server/src/stores/probe.contract.ts',
      'shared/bench/probe.ts',
    ])
      expect(await ruleIdsFor(path, long)).toEqual([]);
  });
});
