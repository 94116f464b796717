import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each probe is linted as if it were a file at `path` in the real tree, with the real config. Probes live in
// memory, where the TypeScript project service cannot see them: they are linted without type information,
// which the boundary rules do not need.
type RuleDocs = { meta?: { docs?: { requiresTypeChecking?: boolean } } };
const typescriptRules = (tseslint.plugin as { rules?: Record<string, RuleDocs> }).rules ?? {};
const typeAwareRulesOff = Object.fromEntries(
  Object.entries(typescriptRules)
    .filter(([, rule]) => rule.meta?.docs?.requiresTypeChecking === true)
    .map(([name]) => [`@typescript-eslint/${name}`, 'off' as const]),
);
const root = join(import.meta.dirname, '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } }, rules: typeAwareRulesOff },
});

async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('lint boundaries', () => {
  // Loading the config, the parser and the resolver takes seconds on a busy machine: once, before the tests
  beforeAll(() => ruleIdsFor('server/src/lib/probe.ts', ''), 60_000);

  it('lets a service import its own files, the service contract and shared', async () => {
    const code = [
      "export type { ServiceDeps } from '../service.ts';",
      "export { STREAMS } from '@gamma/shared';",
      "export { runChecks } from './core/run-checks.ts';",
    ].join('\n');
    expect(await ruleIdsFor('server/src/services/engine/probe.ts', code)).toEqual([]);
  });

  it('stops a service or its tests importing another service', async () => {
    const code = "export { RiskService } from '../risk-service/risk-service.ts';";
    const zone = ['import-x/no-restricted-paths'];
    expect(await ruleIdsFor('server/src/services/engine/probe.ts', code)).toEqual(zone);
    expect(await ruleIdsFor('server/src/services/engine/probe.int.test.ts', code)).toEqual(zone);
  });

  it('stops anything but the registry wiring a service in', async () => {
    const code = "export { createEngineService } from '../services/engine/index.ts';";
    expect(await ruleIdsFor('server/src/trpc/probe.ts', code)).toEqual(['import-x/no-restricted-paths']);
    expect(await ruleIdsFor('server/src/app/service-registry.ts', code)).toEqual([]);
  });

  it('stops an ioredis import outside the Redis layer', async () => {
    const code = "import { Redis } from 'ioredis';\nexport const redis = new Redis();";
    expect(await ruleIdsFor('server/src/read-model/probe.ts', code)).toEqual([
      '@typescript-eslint/no-restricted-imports',
    ]);
  });

  it('keeps cores free of the bus, stores, ioredis, config reading, logging and Node modules', async () => {
    const path = 'server/src/services/engine/core/probe.ts';
    const io = [
      "export type { Bus } from '../../../bus/bus.ts';",
      "export type { OnceMarks } from '../../../stores/once/once-marks.ts';",
      "export type { Redis } from 'ioredis';",
      "export type { Logger } from '../../../lib/logger.ts';",
      "export { loadConfig } from '../../../config/app-config.ts';",
    ];
    for (const code of io) expect(await ruleIdsFor(path, code)).toContain('import-x/no-restricted-paths');
    const node = "export { randomUUID } from 'node:crypto';";
    expect(await ruleIdsFor(path, node)).toContain('import-x/no-nodejs-modules');
  });

  it('keeps shared from importing the server', async () => {
    const code = "export { systemClock } from '../../server/src/lib/clock.ts';";
    expect(await ruleIdsFor('shared/src/probe.ts', code)).toContain('import-x/no-restricted-paths');
  });

  it('stops a console feature importing another feature, and shared console code importing any', async () => {
    const code = "export { rowState } from '@/features/approvals/core/approval-rows';";
    const zone = ['import-x/no-restricted-paths'];
    expect(await ruleIdsFor('web/src/features/risk/core/probe.ts', code)).toEqual(zone);
    expect(await ruleIdsFor('web/src/lib/probe.ts', code)).toEqual(zone);
    expect(await ruleIdsFor('web/src/app/probe.ts', code)).toEqual([]);
  });

  it('wants kebab-case file and folder names', async () => {
    const code = 'export const one = 1;';
    expect(await ruleIdsFor('server/src/lib/riskLimits.ts', code)).toEqual([
      'check-file/filename-naming-convention',
    ]);
    expect(await ruleIdsFor('server/src/read_model/risk-limits.ts', code)).toEqual([
      'check-file/folder-naming-convention',
    ]);
    expect(await ruleIdsFor('server/src/lib/risk-limits.int.test.ts', code)).toEqual([]);
  });

  describe('cycles', () => {
    // A cycle needs both files on disk, since the rule reads the imported file to follow it back
    const dir = join(root, 'server/src', `lint-cycle-probe-${process.pid}`);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('stops two modules importing each other', async () => {
      mkdirSync(dir);
      writeFileSync(
        join(dir, 'first.ts'),
        "import { two } from './second.ts';\nexport const one = () => two();\n",
      );
      writeFileSync(
        join(dir, 'second.ts'),
        "import { one } from './first.ts';\nexport const two = () => one();\n",
      );
      const [result] = await eslint.lintFiles([join(dir, 'first.ts')]);
      expect(result?.messages.map((message) => message.ruleId)).toEqual(['import-x/no-cycle']);
    });
  });
});
