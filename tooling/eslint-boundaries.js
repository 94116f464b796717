// Architecture boundaries as lint rules (CONVENTIONS §1, §5, §6): import zones, no cycles, kebab-case names.
// Kept apart from eslint.config.js so the other rule blocks there merge without touching these.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import checkFile from 'eslint-plugin-check-file';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';

const root = join(import.meta.dirname, '..');

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts'];
const SOURCES = ['{shared,server,web}/src/**/*.{ts,tsx}'];
const SERVICES = 'server/src/services';
const FEATURES = 'web/src/features';

/** Entries of `dir`, read when lint starts so that a new service or feature gets its zone without an edit. */
const entriesOf = (dir, isWanted) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter(isWanted)
    .map((entry) => `${dir}/${entry.name}`);

const foldersOf = (dir) => entriesOf(dir, (entry) => entry.isDirectory());

/** One zone per folder under `parent`: it may import from itself but from no sibling folder. */
const siblingZones = (parent, message) => {
  const folders = foldersOf(parent);
  return folders.map((folder) => ({
    target: folder,
    from: folders.filter((other) => other !== folder),
    message,
  }));
};

const sharedZones = [
  {
    target: 'shared/src',
    from: ['server', 'web', 'e2e'],
    message: 'shared is the bottom layer: it imports no other package.',
  },
];

const serviceZones = [
  {
    target: SERVICES,
    from: [
      'server/src/trpc',
      'server/src/http',
      'server/src/app',
      'server/src/gateway.ts',
      'server/src/main.ts',
    ],
    message: 'Services sit below the gateway and the wiring.',
  },
  {
    // Outside services/, only main.ts and the registry may wire a service in; a service's own tests may start it.
    // replay/ too: it re-runs the engine and the strategy runner in-process over the audit record
    // (`npm run replay`), driving their handlers itself instead of starting them on a bus.
    target: entriesOf(
      'server/src',
      (entry) => !['services', 'main.ts', 'app', 'replay'].includes(entry.name),
    ).concat('server/src/app/!(service-registry).ts'),
    from: `${SERVICES}/*/index.ts`,
    message: 'Only app/service-registry.ts wires a service in.',
  },
];

// A core decides; its shell does the I/O (Redis, bus, stores, env, logs, HTTP, tRPC) and passes plain values in.
// Its tests may use what they like.
const coreZones = [
  {
    target: 'server/src/**/core/**',
    from: [
      'node_modules/ioredis',
      'server/src/bus',
      'server/src/stores',
      'server/src/config',
      'server/src/lib/logger.ts',
      'server/src/http',
      'server/src/trpc',
      'server/src/app',
      'server/src/gateway.ts',
      'server/src/main.ts',
    ],
    // Types only, by design: what check-and-reserve takes, built by the engine's core
    except: ['./reservations/reservation-store.ts'],
    message: 'A core is pure: the shell does the I/O and passes values in.',
  },
];

const webZones = [
  ...siblingZones(FEATURES, 'Features never import each other; compose them in app/.'),
  {
    target: FEATURES,
    from: 'web/src/app',
    message: 'app/ composes features, not the other way round.',
  },
  {
    target: ['web/src/components', 'web/src/lib', 'web/src/stores', 'web/src/config'],
    from: [FEATURES, 'web/src/app'],
    message: 'Shared console code imports no feature; app/ composes.',
  },
];

const crossServiceZones = siblingZones(SERVICES, 'A service talks to other services over the bus only.');
const zones = [...sharedZones, ...serviceZones, ...crossServiceZones, ...webZones];

/** Flat-config blocks: the import resolver, the zones, the cycle rule, pure modules, file and folder names. */
export const boundaries = [
  {
    plugins: { 'import-x': importX },
    settings: {
      // The cycle rule only follows imports into files with these extensions, parsed as TypeScript
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['shared', 'server', 'web', 'e2e'].map((pkg) => join(root, pkg, 'tsconfig.json')),
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
  },
  {
    files: SOURCES,
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: [...zones, ...coreZones] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Tests wiring several services together live in app/
    files: TESTS.map((pattern) => `{shared,server,web}/src/${pattern}`),
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  },
  {
    files: ['server/src/**/core/**/*.ts', 'shared/src/**/*.ts'],
    ignores: TESTS,
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx,js,mjs}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { '**/': 'KEBAB_CASE' }],
    },
  },
];
