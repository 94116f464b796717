import { defineConfig } from 'vitest/config';

// Polls wait for behaviour, never for a fixed time; the limit only bounds a failing run on a loaded machine.
const expect = { poll: { timeout: 15_000, interval: 25 } };

// Test projects by file name (CONVENTIONS §22): *.test.ts unit, *.int.test.ts real Redis, web under jsdom.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          expect,
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tooling/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { alias: { '@': new URL('./web/src', import.meta.url).pathname } },
        test: {
          name: 'web',
          expect,
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'int',
          expect,
          include: ['server/src/**/*.int.test.ts'],
          fileParallelism: false,
          testTimeout: 30000,
          hookTimeout: 30000,
        },
      },
    ],
  },
});
