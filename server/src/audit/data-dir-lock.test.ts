import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gamma-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describe('when the lock is free', () => {
    it('writes this pid and removes the file on release', async () => {
      const path = join(dir, 'pglite.lock');
      const lock = await lockDataDir(path, 'store');
      expect(await readFile(path, 'utf8')).toBe(String(process.pid));
      await lock.release();
      await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
    });
  });

  describe('when a running process holds it', () => {
    it('refuses, naming the process', async () => {
      const path = join(dir, 'pglite.lock');
      await writeFile(path, String(process.pid));
      await expect(lockDataDir(path, 'store')).rejects.toThrow(`store is in use by process ${process.pid}`);
    });
  });

  describe('when the holder no longer runs', () => {
    it('takes the lock over', async () => {
      const path = join(dir, 'pglite.lock');
      await writeFile(path, '999999999');
      const lock = await lockDataDir(path, 'store');
      expect(await readFile(path, 'utf8')).toBe(String(process.pid));
      await lock.release();
    });
  });
});
