import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginFailureStore, SessionRecord, SessionStore } from './session-store.ts';

/** Session and login-failure stores prepared for the contract suite. */
export interface SessionStoresUnderTest {
  sessions: SessionStore;
  loginFailures: LoginFailureStore;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

const LIFETIME = { ttlMs: 60_000, userTtlMs: 120_000 };
const record = (username: string, lastSeen = 1_000): SessionRecord => ({
  username,
  created_ms: 1_000,
  last_seen_ms: lastSeen,
});

/** What every session store shares: records by id hash, refresh only over an existing one, per-user ends. */
export function describeSessionStoreContract(
  name: string,
  make: () => Promise<SessionStoresUnderTest>,
): void {
  describe(`${name} (session store contract)`, () => {
    let harness: SessionStoresUnderTest;

    beforeEach(async () => {
      harness = await make();
    });
    afterEach(() => harness.dispose());

    it('keeps a record under its id hash until deleted', async () => {
      const { sessions } = harness;
      expect(await sessions.get('h1')).toBeNull();
      await sessions.create('h1', record('alice'), LIFETIME);
      expect(await sessions.get('h1')).toEqual(record('alice'));
      expect(await sessions.delete('h1')).toBe(true);
      expect(await sessions.delete('h1')).toBe(false);
      expect(await sessions.get('h1')).toBeNull();
    });

    it('refreshes an existing record, and never writes a deleted one back', async () => {
      const { sessions } = harness;
      await sessions.create('h1', record('alice'), LIFETIME);
      expect(await sessions.refresh('h1', record('alice', 5_000), 60_000)).toBe(true);
      expect(await sessions.get('h1')).toEqual(record('alice', 5_000));
      await sessions.delete('h1');
      expect(await sessions.refresh('h1', record('alice', 9_000), 60_000)).toBe(false);
      expect(await sessions.get('h1')).toBeNull();
    });

    it("ends every session of one user and no one else's", async () => {
      const { sessions } = harness;
      await sessions.create('a1', record('alice'), LIFETIME);
      await sessions.create('a2', record('alice'), LIFETIME);
      await sessions.create('b1', record('bob'), LIFETIME);
      await sessions.delete('a2');
      expect(await sessions.deleteUser('alice')).toEqual(['a1']);
      expect(await sessions.get('a1')).toBeNull();
      expect(await sessions.get('b1')).toEqual(record('bob'));
      expect(await sessions.deleteUser('carol')).toEqual([]);
    });

    it("deletes a user's sessions but one, which stays indexed under its user", async () => {
      const { sessions } = harness;
      await sessions.create('a1', record('alice'), LIFETIME);
      await sessions.create('a2', record('alice'), LIFETIME);
      await sessions.create('a3', record('alice'), LIFETIME);
      await sessions.create('b1', record('bob'), LIFETIME);
      expect((await sessions.deleteUser('alice', { except: 'a2' })).sort()).toEqual(['a1', 'a3']);
      expect(await sessions.get('a1')).toBeNull();
      expect(await sessions.get('a2')).toEqual(record('alice'));
      expect(await sessions.get('b1')).toEqual(record('bob'));
      expect(await sessions.deleteUser('alice')).toEqual(['a2']);
    });

    it('counts attempts per subject and window, reserving all subjects or none', async () => {
      const { loginFailures } = harness;
      const subjects = ['user:alice', 'addr:127.0.0.1'];
      expect(await loginFailures.count(subjects, 7)).toEqual([0, 0]);
      expect(await loginFailures.reserve(subjects, 7, { limit: 2, ttlMs: 60_000 })).toEqual({
        reserved: true,
        counts: [0, 0],
      });
      const other = ['user:alice', 'addr:10.0.0.2'];
      expect(await loginFailures.reserve(other, 7, { limit: 2, ttlMs: 60_000 })).toEqual({
        reserved: true,
        counts: [1, 0],
      });
      // alice is at the limit: nothing is counted, not even for the address below it
      expect(await loginFailures.reserve(other, 7, { limit: 2, ttlMs: 60_000 })).toEqual({
        reserved: false,
        counts: [2, 1],
      });
      expect(await loginFailures.count([...subjects, 'addr:10.0.0.2'], 7)).toEqual([2, 1, 1]);
      expect(await loginFailures.count(subjects, 8)).toEqual([0, 0]);
      expect(await loginFailures.reserve(['user:alice'], 8, { limit: 2, ttlMs: 60_000 })).toEqual({
        reserved: true,
        counts: [0],
      });
    });

    it('hands a released attempt back, never below zero', async () => {
      const { loginFailures } = harness;
      const subjects = ['user:bob', 'addr:127.0.0.3'];
      await loginFailures.reserve(['user:bob'], 7, { limit: 5, ttlMs: 60_000 });
      await loginFailures.release(subjects, 7);
      await loginFailures.release(subjects, 7);
      expect(await loginFailures.count(subjects, 7)).toEqual([0, 0]);
    });

    it('reserves exactly up to the limit when many attempts race', async () => {
      const { loginFailures } = harness;
      const subjects = ['user:carol', 'addr:127.0.0.4'];
      const replies = await Promise.all(
        Array.from({ length: 12 }, () => loginFailures.reserve(subjects, 7, { limit: 5, ttlMs: 60_000 })),
      );
      expect(replies.filter((reply) => reply.reserved)).toHaveLength(5);
      expect(await loginFailures.count(subjects, 7)).toEqual([5, 5]);
    });
  });
}
