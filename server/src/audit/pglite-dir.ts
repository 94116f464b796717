import { join, resolve } from 'node:path';

/** `DATA_DIR` value that keeps the embedded database in memory (tests, throw-away runs). */
export const MEMORY_DATA_DIR = 'memory://';

/** Where PGlite keeps its files for a `DATA_DIR`: `<DATA_DIR>/pglite`, or null for memory. */
export const pgliteDir = (dataDir: string): string | null =>
  dataDir === MEMORY_DATA_DIR ? null : resolve(join(dataDir, 'pglite'));

/** The lock file of a `DATA_DIR`'s embedded database (null for memory): it holds the pid of the process using it. */
export const pgliteLockPath = (dataDir: string): string | null => {
  const dir = pgliteDir(dataDir);
  return dir === null ? null : `${dir}.lock`;
};
