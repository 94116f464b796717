import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Probes are linted in memory as files at `path` in the real tree, with the real config but only the
// error rules of CONVENTIONS §12–13 that need no type information (only-throw-error needs the project).
const root = join(import.meta.dirname, '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith('errors/'),
});

async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('lint: errors', () => {
  beforeAll(() => ruleIdsFor('server/src/lib/probe.ts', ''), 60_000);

  it('stops a bare Error in server code, thrown or as a rejection', async () => {
    const code = [
      "export const f = () => { throw new Error('x'); };",
      "export const g = () => Promise.reject(new Error('y'));",
    ].join('\n');
    expect(await ruleIdsFor('server/src/read-model/probe.ts', code)).toEqual([
      'errors/no-new-error',
      'errors/no-new-error',
    ]);
  });

  it('lets server code throw the error classes, and tests and test helpers throw bare errors', async () => {
    const classes = [
      "import { InvariantError } from '../errors/index.ts';",
      "export const f = () => { throw new InvariantError('x'); };",
    ].join('\n');
    expect(await ruleIdsFor('server/src/read-model/probe.ts', classes)).toEqual([]);
    const bare = "export const f = () => { throw new Error('x'); };";
    expect(await ruleIdsFor('server/src/read-model/probe.test.ts', bare)).toEqual([]);
    expect(await ruleIdsFor('server/src/testing/probe.ts', bare)).toEqual([]);
  });

  it('keeps error classes in server/src/errors/', async () => {
    const code = 'export class OopsError extends Error {}';
    expect(await ruleIdsFor('server/src/lib/probe.ts', code)).toEqual(['errors/only-in-errors-folder']);
    expect(await ruleIdsFor('shared/src/probe.ts', code)).toEqual(['errors/only-in-errors-folder']);
    expect(await ruleIdsFor('server/src/errors/oops-error.ts', code)).toEqual([]);
  });

  it('keeps new TRPCError in errors/to-trpc-error.ts', async () => {
    const code = [
      "import { TRPCError } from '@trpc/server';",
      "export const f = () => { throw new TRPCError({ code: 'NOT_FOUND' }); };",
    ].join('\n');
    expect(await ruleIdsFor('server/src/trpc/routers/probe.ts', code)).toEqual([
      'errors/only-in-errors-folder',
    ]);
    expect(await ruleIdsFor('server/src/errors/to-trpc-error.ts', code)).toEqual([]);
  });
});
