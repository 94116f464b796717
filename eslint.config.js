import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import { boundaries } from './tooling/eslint-boundaries.js';

/**
 * The error rules of CONVENTIONS §12–13 (server/src/errors/index.ts states them). They reuse the core
 * `no-restricted-syntax` under their own names, so they add to the other blocks' `no-restricted-syntax`
 * selectors instead of replacing them.
 */
const errorsPlugin = {
  rules: {
    'no-new-error': builtinRules.get('no-restricted-syntax'),
    'only-in-errors-folder': builtinRules.get('no-restricted-syntax'),
  },
};
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.data/**',
      '.tmp/**',
      '**/test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use an as-const table.' }],
      'max-params': ['error', 3],
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    ignores: ['shared/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'ioredis', '@gamma/server', '@gamma/server/*'],
              message: 'shared stays pure',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock in shared',
        },
        { selector: 'TSEnumDeclaration', message: 'Use an as-const table.' },
      ],
    },
  },
  {
    files: ['server/src/**/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'ioredis', '**/bus/*', '**/bus'], message: 'cores are pure: no I/O' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the time as an argument',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take the time as an argument',
        },
        { selector: 'TSEnumDeclaration', message: 'Use an as-const table.' },
      ],
    },
  },
  {
    // Only bus/ and stores/ (with their tests) and the test harness see ioredis, type imports included:
    // services, routers and read models get `stores`. A rule of its own name, so that the path zones of
    // `no-restricted-imports` do not replace it (flat config keeps the last options of a rule).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/bus/**', 'server/src/stores/**', 'server/src/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'ioredis', message: 'Only bus/ and stores/ talk to Redis: take deps.stores.' }],
          patterns: [{ group: ['ioredis/*'], message: 'Only bus/ and stores/ talk to Redis.' }],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/config/env.ts', '**/*.test.ts', 'server/src/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read config/env.ts' },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@gamma/server', '@gamma/server/*'],
              allowTypeImports: true,
              message: 'Type imports only',
            },
          ],
        },
      ],
    },
  },
  // Size (CONVENTIONS §27): source files up to 250 lines and functions up to 60, React components included
  // (blank lines and comments not counted). Tests, contract suites and the quant benchmark's timed harness
  // (shared/bench/, one long run() on purpose: see its git log) may be longer.
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts', '**/*.contract.ts', 'shared/bench/**'],
    rules: {
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  // Errors (CONVENTIONS §12–13): throw only error classes, declared in server/src/errors/, mapped to tRPC once
  {
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/only-throw-error': 'error' },
  },
  {
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['server/src/errors/**', '**/*.test.ts'],
    plugins: { errors: errorsPlugin },
    rules: {
      'errors/only-in-errors-folder': [
        'error',
        {
          selector: ':matches(ClassDeclaration, ClassExpression)[superClass.name=/Error$/]',
          message: 'Error classes live in server/src/errors/, one per file',
        },
        {
          selector: "NewExpression[callee.name='TRPCError']",
          message: 'Throw a class from server/src/errors/; toTRPCError maps it to its tRPC code',
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.contract.ts', 'server/src/testing/**'],
    plugins: { errors: errorsPlugin },
    rules: {
      'errors/no-new-error': [
        'error',
        {
          selector: "NewExpression[callee.name='Error']",
          message:
            'Throw a class from server/src/errors/ (InvariantError for a bug, InfrastructureError for Redis, …)',
        },
      ],
    },
  },
  ...boundaries,
);
