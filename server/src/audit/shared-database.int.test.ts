import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgliteLockPath } from './pglite-dir.ts';
import { acquireDatabase } from './shared-database.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gamma-db-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const lockExists = () =>
  stat(pgliteLockPath(dataDir) ?? '').then(
    () => true,
    () => false,
  );

describe('acquireDatabase', () => {
  describe('when two users of one process take the same data folder', () => {
    it('gives both one database and its parts, and the last release closes it', async () => {
      const first = await acquireDatabase({ dataDir });
      const second = await acquireDatabase({ dataDir });
      let made = 0;
      const init = async () => ({ made: (made += 1) });
      expect(await first.part('thing', init)).toBe(await second.part('thing', init));
      expect(made).toBe(1);
      await first.client.query('CREATE TABLE shared_t (x int)');
      await second.client.query('INSERT INTO shared_t VALUES (1)');
      await first.release();
      await first.release();
      expect(await lockExists()).toBe(true);
      expect((await second.client.query('SELECT x FROM shared_t')).rows).toEqual([{ x: 1 }]);
      await second.release();
      expect(await lockExists()).toBe(false);
    });
  });

  describe('when a part fails to be made', () => {
    it('makes it again at the next ask', async () => {
      const db = await acquireDatabase({ dataDir: 'memory://' });
      try {
        await expect(db.part('flaky', () => Promise.reject(new Error('first try')))).rejects.toThrow(
          'first try',
        );
        expect(await db.part('flaky', () => Promise.resolve('second try'))).toBe('second try');
      } finally {
        await db.release();
      }
    });
  });

  describe('when Postgres cannot be reached', () => {
    it('fails naming the address without the password, and tries again next time', async () => {
      const location = { databaseUrl: 'postgresql://gamma:secret@127.0.0.1:1/none', dataDir };
      for (let attempt = 0; attempt < 2; attempt += 1)
        await expect(acquireDatabase(location)).rejects.toThrow(
          /cannot use Postgres at postgresql:\/\/gamma:\*\*\*@127\.0\.0\.1:1\/none/,
        );
    });
  });
});
