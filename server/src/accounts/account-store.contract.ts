import { describe, expect, it } from 'vitest';
import type { AccountStore } from './account-store.ts';
import { ConflictError, InvalidInputError, InvalidStateError, NotFoundError } from '../errors/index.ts';

/**
 * The behaviour every {@link AccountStore} shares. `open` gives a fresh, migrated, empty store for one test
 * and `dispose` removes it afterwards.
 */
export function describeAccountStoreContract(
  name: string,
  hooks: { open: () => Promise<AccountStore>; dispose: (store: AccountStore) => Promise<void> },
): void {
  const withStore = async (test: (store: AccountStore) => Promise<void>): Promise<void> => {
    const store = await hooks.open();
    try {
      await test(store);
    } finally {
      await hooks.dispose(store);
    }
  };

  describe(`AccountStore contract (${name})`, () => {
    describe('when accounts are added', () => {
      it('counts, gets and lists them by username, without any hash', () =>
        withStore(async (store) => {
          expect(await store.count()).toBe(0);
          const bob = await store.add({ username: 'bob', role: 'viewer', password: 'bob-secret' });
          await store.add({ username: 'Alice', role: 'trader', password: 'alice-secret' });
          expect(bob).toEqual({
            username: 'bob',
            role: 'viewer',
            disabled: false,
            created_at: expect.any(String),
            updated_at: expect.any(String),
          });
          expect(await store.count()).toBe(2);
          expect(await store.get('ALICE')).toMatchObject({ username: 'alice', role: 'trader' });
          expect(await store.get('carol')).toBeNull();
          expect((await store.list()).map((a) => a.username)).toEqual(['alice', 'bob']);
          expect(JSON.stringify(await store.list())).not.toMatch(/secret|scrypt/);
        }));

      it('refuses a username that exists, whatever its case, with ConflictError', () =>
        withStore(async (store) => {
          await store.add({ username: 'alice', role: 'trader', password: 'one' });
          await expect(store.add({ username: 'ALICE', role: 'admin', password: 'two' })).rejects.toThrow(
            ConflictError,
          );
          expect(await store.get('alice')).toMatchObject({ role: 'trader' });
        }));

      it('refuses a bad username, role or password with InvalidInputError', () =>
        withStore(async (store) => {
          await expect(store.add({ username: '1abc', role: 'viewer', password: 'x' })).rejects.toThrow(
            InvalidInputError,
          );
          await expect(
            store.add({ username: 'abc', role: 'root' as 'admin', password: 'x' }),
          ).rejects.toThrow(InvalidInputError);
          await expect(store.add({ username: 'abc', role: 'viewer', password: '' })).rejects.toThrow(
            InvalidInputError,
          );
          expect(await store.count()).toBe(0);
        }));
    });

    describe('verifyPassword', () => {
      it('gives the account for its password only, and null for unknown users alike', () =>
        withStore(async (store) => {
          await store.add({ username: 'alice', role: 'trader', password: 'correct horse' });
          expect(await store.verifyPassword('Alice', 'correct horse')).toMatchObject({ username: 'alice' });
          expect(await store.verifyPassword('alice', 'correct horsE')).toBeNull();
          expect(await store.verifyPassword('mallory', 'correct horse')).toBeNull();
          expect(await store.verifyPassword('not a name!', 'correct horse')).toBeNull();
        }));

      it('gives null for a disabled account', () =>
        withStore(async (store) => {
          await store.add({ username: 'alice', role: 'trader', password: 'pw' });
          expect(await store.disable('alice')).toMatchObject({ disabled: true });
          expect(await store.verifyPassword('alice', 'pw')).toBeNull();
        }));
    });

    describe('upsert', () => {
      it('creates, then updates the role and password and enables again', () =>
        withStore(async (store) => {
          await store.upsert({ username: 'alice', role: 'viewer', password: 'first' });
          await store.disable('alice');
          const updated = await store.upsert({ username: 'alice', role: 'admin', password: 'second' });
          expect(updated).toMatchObject({ username: 'alice', role: 'admin', disabled: false });
          expect(await store.verifyPassword('alice', 'first')).toBeNull();
          expect(await store.verifyPassword('alice', 'second')).toMatchObject({ role: 'admin' });
          expect(await store.count()).toBe(1);
        }));

      it('writes nothing when the account is already so', () =>
        withStore(async (store) => {
          const first = await store.upsert({ username: 'alice', role: 'viewer', password: 'same' });
          const again = await store.upsert({ username: 'alice', role: 'viewer', password: 'same' });
          expect(again).toEqual(first);
        }));
    });

    describe('setRole and disable', () => {
      it('change the account', () =>
        withStore(async (store) => {
          await store.add({ username: 'alice', role: 'viewer', password: 'pw' });
          expect(await store.setRole('alice', 'risk_manager')).toMatchObject({ role: 'risk_manager' });
          expect(await store.get('alice')).toMatchObject({ role: 'risk_manager', disabled: false });
          await store.disable('alice');
          expect(await store.get('alice')).toMatchObject({ disabled: true });
        }));

      it('refuse to leave no enabled admin with ConflictError, changing nothing', () =>
        withStore(async (store) => {
          await store.add({ username: 'root', role: 'admin', password: 'pw' });
          await store.add({ username: 'old', role: 'admin', password: 'pw' });
          await store.disable('old');
          await expect(store.setRole('root', 'risk_manager')).rejects.toThrow(
            new ConflictError('demoting root would leave no enabled admin: make another admin first'),
          );
          await expect(store.disable('root')).rejects.toThrow(
            new ConflictError('disabling root would leave no enabled admin: make another admin first'),
          );
          const token = await store.createToken('root');
          await expect(store.disable('root')).rejects.toThrow(ConflictError);
          expect(await store.verifyToken(token)).toMatchObject({ username: 'root', role: 'admin' });
          // A disabled admin is no enabled admin: changing it is free
          expect(await store.setRole('old', 'viewer')).toMatchObject({ role: 'viewer' });
          expect(await store.setRole('root', 'admin')).toMatchObject({ role: 'admin' });
        }));

      it('let only one of two admins demoting and disabling each other at once succeed', () =>
        withStore(async (store) => {
          await store.add({ username: 'alice', role: 'admin', password: 'pw' });
          await store.add({ username: 'bob', role: 'admin', password: 'pw' });
          const outcomes = await Promise.allSettled([store.setRole('alice', 'viewer'), store.disable('bob')]);
          expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
          const enabledAdmins = (await store.list()).filter((a) => a.role === 'admin' && !a.disabled);
          expect(enabledAdmins).toHaveLength(1);
        }));

      it('refuse an unknown account with NotFoundError', () =>
        withStore(async (store) => {
          await expect(store.setRole('ghost', 'admin')).rejects.toThrow(NotFoundError);
          await expect(store.disable('ghost')).rejects.toThrow(NotFoundError);
        }));
    });

    describe('setPassword', () => {
      it('replaces the password, whatever the case of the name, and moves updated_at only', () =>
        withStore(async (store) => {
          const before = await store.add({ username: 'alice', role: 'trader', password: 'old-secret' });
          const token = await store.createToken('alice');
          const after = await store.setPassword('Alice', 'new-secret');
          expect(after).toMatchObject({ username: 'alice', role: 'trader', disabled: false });
          expect(after.created_at).toBe(before.created_at);
          expect(Date.parse(after.updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
          expect(await store.verifyPassword('alice', 'old-secret')).toBeNull();
          expect(await store.verifyPassword('alice', 'new-secret')).toMatchObject({ username: 'alice' });
          // Tokens are not the password's: they keep working
          expect(await store.verifyToken(token)).toMatchObject({ username: 'alice' });
        }));

      it('leaves a disabled account disabled', () =>
        withStore(async (store) => {
          await store.add({ username: 'alice', role: 'trader', password: 'old-secret' });
          await store.disable('alice');
          expect(await store.setPassword('alice', 'new-secret')).toMatchObject({ disabled: true });
          expect(await store.verifyPassword('alice', 'new-secret')).toBeNull();
        }));

      it('refuses an unknown account with NotFoundError and an empty password with InvalidInputError', () =>
        withStore(async (store) => {
          await expect(store.setPassword('ghost', 'new-secret')).rejects.toThrow(NotFoundError);
          await store.add({ username: 'alice', role: 'trader', password: 'old-secret' });
          await expect(store.setPassword('alice', '')).rejects.toThrow(InvalidInputError);
          expect(await store.verifyPassword('alice', 'old-secret')).toMatchObject({ username: 'alice' });
        }));
    });

    describe('API tokens', () => {
      it('are gma_ and 43 base64url characters, each valid for its account', () =>
        withStore(async (store) => {
          await store.add({ username: 'bot', role: 'trader', password: 'pw' });
          const first = await store.createToken('bot');
          const second = await store.createToken('BOT');
          expect(first).toMatch(/^gma_[A-Za-z0-9_-]{43}$/);
          expect(second).not.toBe(first);
          expect(await store.verifyToken(first)).toMatchObject({ username: 'bot', role: 'trader' });
          expect(await store.verifyToken(second)).toMatchObject({ username: 'bot' });
          const altered = `${first.slice(0, -1)}${first.endsWith('A') ? 'B' : 'A'}`;
          expect(await store.verifyToken(altered)).toBeNull();
          expect(await store.verifyToken('gma_short')).toBeNull();
          expect(await store.verifyToken('')).toBeNull();
        }));

      it('stop working when the account is disabled, also after it is enabled again', () =>
        withStore(async (store) => {
          await store.add({ username: 'bot', role: 'trader', password: 'pw' });
          const token = await store.createToken('bot');
          await store.disable('bot');
          expect(await store.verifyToken(token)).toBeNull();
          await expect(store.createToken('bot')).rejects.toThrow(InvalidStateError);
          await store.upsert({ username: 'bot', role: 'trader', password: 'pw' });
          expect(await store.verifyToken(token)).toBeNull();
        }));

      it('are refused for an unknown account with NotFoundError', () =>
        withStore(async (store) => {
          await expect(store.createToken('ghost')).rejects.toThrow(NotFoundError);
        }));
    });
  });
}
