import { describe, expect, it } from 'vitest';
import type { SessionEnded } from '../auth/authenticator.ts';
import { FakeClock } from '../lib/clock.ts';
import { startTestServer } from '../testing/start-test-server.ts';

describe('auth.changePassword', () => {
  describe('when the current password is wrong', () => {
    it('refuses with BAD_REQUEST, changes nothing, and counts it as a failed sign-in of the user', async () => {
      const clock = new FakeClock(Date.parse('2026-03-02T09:15:20.000Z'));
      await using server = await startTestServer({ clock, user: 'alice' });
      const wrong = { currentPassword: 'not-alice-pass', newPassword: 'alice-new-pass' };
      for (let n = 0; n < 5; n++)
        await expect(server.client.auth.changePassword.mutate(wrong)).rejects.toMatchObject({
          message: 'currentPassword is wrong: the password is unchanged',
          data: { code: 'BAD_REQUEST', httpStatus: 400 },
        });

      // The sixth try is throttled like a sign-in, the right password included, and so is alice's sign-in
      await expect(
        server.client.auth.changePassword.mutate({ ...wrong, currentPassword: 'alice-pass-1' }),
      ).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS' } });
      const elsewhere = await server.createClient();
      await expect(elsewhere.signIn('alice')).rejects.toMatchObject({
        message: 'too many failed sign-ins for user alice: try again in 40 s',
      });

      clock.set(Date.parse('2026-03-02T09:16:00.000Z'));
      expect(await elsewhere.signIn('alice')).toEqual({ username: 'alice', role: 'trader' });
      await expect(elsewhere.signIn({ username: 'alice', password: 'alice-new-pass' })).rejects.toMatchObject(
        { data: { code: 'UNAUTHORIZED' } },
      );
    });
  });

  describe('when the current password is right', () => {
    it("sets the new one and ends the user's other sessions, keeping this one, tokens and other users", async () => {
      await using server = await startTestServer({ user: 'viewer', users: ['bob'] });
      const ended: SessionEnded[] = [];
      server.authenticator.onSessionEnded((e) => ended.push(e));
      const otherTab = await server.createClient({ user: 'viewer' });
      const bob = await server.createClient({ user: 'bob' });
      const token = await server.accounts.createToken('viewer');

      const changed = await server.client.auth.changePassword.mutate({
        currentPassword: 'viewer-pass-1',
        newPassword: 'viewer-new-pass',
      });

      expect(changed).toEqual({ ok: true, endedSessions: 1 });
      expect(await server.client.auth.me.query()).toEqual({ username: 'viewer', role: 'viewer' });
      await expect(otherTab.client.auth.me.query()).rejects.toMatchObject({
        data: { code: 'UNAUTHORIZED', httpStatus: 401 },
      });
      expect(await bob.client.auth.me.query()).toEqual({ username: 'bob', role: 'trader' });
      expect(ended).toEqual([
        { username: 'viewer', sessionId: expect.any(String), reason: 'password_changed' },
      ]);
      expect(await server.accounts.verifyToken(token)).toMatchObject({ username: 'viewer' });

      await expect(otherTab.signIn('viewer')).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
      expect(await otherTab.signIn({ username: 'viewer', password: 'viewer-new-pass' })).toEqual({
        username: 'viewer',
        role: 'viewer',
      });
    });
  });

  describe('when the input is not a password change', () => {
    it('refuses a new password under 8 characters, and anyone not signed in', async () => {
      await using server = await startTestServer({ user: 'alice' });
      await expect(
        server.client.auth.changePassword.mutate({ currentPassword: 'alice-pass-1', newPassword: 'short' }),
      ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
      const anonymous = await server.createClient();
      await expect(
        anonymous.client.auth.changePassword.mutate({
          currentPassword: 'alice-pass-1',
          newPassword: 'alice-new-pass',
        }),
      ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
      expect(await server.accounts.verifyPassword('alice', 'alice-pass-1')).toMatchObject({
        username: 'alice',
      });
    });
  });
});
