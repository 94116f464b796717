import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireAccountStore } from '../open-account-store.ts';
import { scryptParamsOf } from '../password-hash.ts';

const MAIN = fileURLToPath(new URL('./users-main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
// Each run starts Node with tsx and opens PGlite: seconds each on a loaded machine
const SLOW = 120_000;

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gamma-users-cli-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (`npm run users -- …`) on the test's DATA_DIR, `stdin` piped in. */
function users(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        GAMMA_USERS: '',
        LOG_LEVEL: 'warn',
        PASSWORD_HASH_COST: '10',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The accounts of the test's DATA_DIR, opened in this process once no CLI holds them. */
async function withAccounts(test: (store: Awaited<ReturnType<typeof acquireAccountStore>>) => Promise<void>) {
  const store = await acquireAccountStore({ dataDir }, { hashParams: scryptParamsOf(10) });
  try {
    await test(store);
  } finally {
    await store.close();
  }
}

describe('npm run users', () => {
  it(
    'adds (password from stdin), lists, sets a role and disables',
    async () => {
      expect(
        await users(['add', 'Alice', '--role', 'trader', '--password-stdin'], 'alice-password\n'),
      ).toMatchObject({ code: 0, stdout: 'added alice (trader)\n' });
      expect(
        await users(['add', 'bob', '--role', 'viewer', '--password-stdin'], 'bob-password'),
      ).toMatchObject({
        code: 0,
      });
      expect(await users(['set-role', 'bob', 'risk_manager'])).toMatchObject({
        code: 0,
        stdout: 'bob is now risk_manager\n',
      });
      expect(await users(['disable', 'alice'])).toMatchObject({ code: 0 });
      const list = await users(['list']);
      expect(list.code).toBe(0);
      expect(list.stdout.split('\n').map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
        ['USERNAME', 'ROLE', 'DISABLED'],
        ['alice', 'trader', 'yes'],
        ['bob', 'risk_manager', 'no'],
        [''],
      ]);
      expect(list.stdout).toMatch(/bob +risk_manager +no +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
      await withAccounts(async (store) => {
        expect(await store.verifyPassword('bob', 'bob-password')).toMatchObject({ role: 'risk_manager' });
        expect(await store.verifyPassword('alice', 'alice-password')).toBeNull();
      });
    },
    SLOW,
  );

  it(
    'prints a new API token once, which then authenticates its account',
    async () => {
      await users(['add', 'bot', '--role', 'trader', '--password-stdin'], 'bot-password');
      const run = await users(['token', 'bot']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^gma_[A-Za-z0-9_-]{43}\n$/);
      expect(run.stderr).toContain('shown this once');
      await withAccounts(async (store) => {
        expect(await store.verifyToken(run.stdout.trim())).toMatchObject({ username: 'bot', role: 'trader' });
      });
    },
    SLOW,
  );

  it(
    'sets a new password (from stdin): the new one signs in, the old one no longer, and it says sessions go on',
    async () => {
      await users(['add', 'alice', '--role', 'trader', '--password-stdin'], 'old-password');
      const run = await users(['set-password', 'Alice', '--password-stdin'], 'new-password\n');
      expect(run).toMatchObject({ code: 0, stdout: 'alice has a new password\n' });
      expect(run.stderr).toContain("alice's sessions already signed in go on");
      expect(run.stderr).not.toContain('new-password');
      await withAccounts(async (store) => {
        expect(await store.verifyPassword('alice', 'new-password')).toMatchObject({ role: 'trader' });
        expect(await store.verifyPassword('alice', 'old-password')).toBeNull();
      });
      const short = await users(['set-password', 'alice', '--password-stdin'], 'short');
      expect(short.code).toBe(2);
      expect(short.stderr).toContain('at least 8 characters');
      const ghost = await users(['set-password', 'ghost', '--password-stdin'], 'ghost-password');
      expect(ghost.code).toBe(1);
      expect(ghost.stderr).toContain('no account named "ghost"');
    },
    SLOW,
  );

  describe('when the command line is wrong', () => {
    it.each([
      [['frobnicate'], 'unknown command "frobnicate"'],
      [['add', 'carol', '--role', 'boss', '--password-stdin'], 'bad role "boss"'],
      [['set-role', '9lives', 'viewer'], 'bad username "9lives"'],
      [['add', 'carol', '--password-stdin'], 'add needs --role <role>'],
    ])(
      '%j exits with code 2 saying what is wrong',
      async (args, message) => {
        const run = await users(args, 'carol-password');
        expect(run).toMatchObject({ code: 2, stdout: '' });
        expect(run.stderr).toContain(message);
      },
      SLOW,
    );
  });

  describe('when the account exists, or does not', () => {
    it(
      'exits with code 1 naming it',
      async () => {
        await users(['add', 'carol', '--role', 'viewer', '--password-stdin'], 'carol-password');
        const again = await users(['add', 'carol', '--role', 'admin', '--password-stdin'], 'other-password');
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('an account named "carol" exists already');
        const ghost = await users(['disable', 'ghost']);
        expect(ghost.code).toBe(1);
        expect(ghost.stderr).toContain('no account named "ghost"');
      },
      SLOW,
    );
  });

  describe('when a running process holds the embedded database', () => {
    it(
      'says so and suggests stopping it or DATABASE_URL',
      async () => {
        const held = await acquireAccountStore({ dataDir }, { hashParams: scryptParamsOf(10) });
        try {
          const run = await users(['list']);
          expect(run.code).toBe(1);
          expect(run.stderr).toContain(`in use by a running Gamma process (pid ${process.pid}`);
          expect(run.stderr).toContain('Stop the server');
          expect(run.stderr).toContain('DATABASE_URL');
        } finally {
          await held.close();
        }
      },
      SLOW,
    );
  });
});
