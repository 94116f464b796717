import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openGatewayAccounts } from './open-gateway-accounts.ts';
import { acquireAuditStore } from '../audit/open-audit-store.ts';
import { openPgliteAuditStore } from '../audit/pglite-audit-store.ts';
import { ProcessConfigSchema, type ProcessConfig } from '../config/process-config.ts';
import { silentLogger } from '../lib/logger.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gamma-accounts-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const settingsOf = (overrides: Partial<ProcessConfig> = {}): ProcessConfig =>
  ProcessConfigSchema.parse({ dataDir, ...overrides });

/** Opens the gateway's accounts, collecting what they print, runs `test`, and closes them. */
async function withAccounts(
  settings: ProcessConfig,
  test: (accounts: Awaited<ReturnType<typeof openGatewayAccounts>>, printed: string) => Promise<void>,
): Promise<void> {
  let printed = '';
  const accounts = await openGatewayAccounts(settings, silentLogger, {
    print: (text) => {
      printed += text;
    },
  });
  try {
    await test(accounts, printed);
  } finally {
    await accounts.close();
  }
}

describe('openGatewayAccounts', () => {
  describe('on a first start with no account', () => {
    it('creates admin, prints its password once and writes it to DATA_DIR/initial-admin-password, mode 600', async () => {
      const file = join(dataDir, 'initial-admin-password');
      // A stale file left readable by others is replaced, not written through
      await writeFile(file, 'stale\n', { mode: 0o644 });
      let password = '';
      await withAccounts(settingsOf(), async (accounts, printed) => {
        password = (await readFile(file, 'utf8')).trim();
        expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect((await stat(file)).mode & 0o777).toBe(0o600);
        expect(printed).toContain('username  admin');
        expect(printed).toContain(`password  ${password}`);
        expect(printed).toContain(file);
        expect(printed).toContain('`npm run users -- set-password admin` (with Gamma stopped');
        expect(printed).toContain('auth.changePassword');
        expect(await accounts.list()).toMatchObject([{ username: 'admin', role: 'admin', disabled: false }]);
        expect(await accounts.verifyPassword('admin', password)).toMatchObject({ role: 'admin' });
      });
      await withAccounts(settingsOf(), async (accounts, printed) => {
        expect(printed).toBe('');
        expect(await accounts.count()).toBe(1);
        expect((await readFile(file, 'utf8')).trim()).toBe(password);
      });
    });

    describe('when DATA_DIR is memory://', () => {
      it('only prints the password', async () => {
        await withAccounts(settingsOf({ dataDir: 'memory://' }), async (accounts, printed) => {
          const password = /password {2}(\S+)/.exec(printed)?.[1] ?? '';
          expect(printed).toContain('shown only here');
          expect(printed).toContain('Change it with auth.changePassword');
          expect(printed).not.toContain('initial-admin-password');
          expect(await accounts.verifyPassword('admin', password)).toMatchObject({ username: 'admin' });
        });
      });
    });
  });

  describe('with GAMMA_USERS', () => {
    it('creates those accounts and no admin, then updates them at the next start', async () => {
      const seeded = settingsOf({
        gammaUsers: [
          { username: 'alice', role: 'trader', password: 'alice-1' },
          { username: 'bob', role: 'viewer', password: 'bob-1' },
        ],
      });
      await withAccounts(seeded, async (accounts, printed) => {
        expect(printed).toBe('');
        expect((await accounts.list()).map((a) => [a.username, a.role])).toEqual([
          ['alice', 'trader'],
          ['bob', 'viewer'],
        ]);
        await accounts.disable('bob');
      });
      const updated = settingsOf({
        gammaUsers: [
          { username: 'alice', role: 'admin', password: 'alice-2' },
          { username: 'bob', role: 'viewer', password: 'bob-1' },
        ],
      });
      await withAccounts(updated, async (accounts) => {
        expect(await accounts.verifyPassword('alice', 'alice-1')).toBeNull();
        expect(await accounts.verifyPassword('alice', 'alice-2')).toMatchObject({ role: 'admin' });
        expect(await accounts.verifyPassword('bob', 'bob-1')).toMatchObject({ disabled: false });
        expect(await accounts.count()).toBe(2);
      });
      await expect(stat(join(dataDir, 'initial-admin-password'))).rejects.toThrow(/ENOENT/);
    });
  });

  describe('beside the audit store in one process', () => {
    it('shares its embedded database, and the last close frees the data folder', async () => {
      const settings = settingsOf({ gammaUsers: [{ username: 'alice', role: 'viewer', password: 'pw' }] });
      const audit = await acquireAuditStore({ dataDir });
      const accounts = await openGatewayAccounts(settings, silentLogger);
      await audit.close();
      expect(await accounts.get('alice')).toMatchObject({ role: 'viewer' });
      const again = await acquireAuditStore({ dataDir });
      expect(await again.range({ limit: 1 })).toEqual([]);
      await again.close();
      await accounts.close();
      const alone = await openPgliteAuditStore({ dataDir });
      await alone.close();
    });
  });
});
