import { request } from 'node:http';
import { createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it, vi } from 'vitest';
import type { SessionEnded } from '../auth/authenticator.ts';
import { sessionIdHash } from '../auth/credentials.ts';
import { FakeClock } from '../lib/clock.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

/** A raw HTTP reply: status, headers, parsed body. */
interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * A POST to `/trpc/<path>` from a chosen local address (127.0.0.x: every loopback address reaches the
 * server), so tests can sign in from several "machines".
 */
function post(server: TestServer, path: string, options: { from?: string; body: unknown; cookie?: string }) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      `${server.url}/trpc/${path}`,
      {
        method: 'POST',
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          ...(options.cookie === undefined ? {} : { cookie: options.cookie }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(options.body));
  });
}

const login = (server: TestServer, credentials: [username: string, password: string], from?: string) =>
  post(server, 'auth.login', {
    body: { username: credentials[0], password: credentials[1] },
    ...(from === undefined ? {} : { from }),
  });

/** `auth.me` with a cookie or bearer header: the status and who. */
async function me(
  server: TestServer,
  headers: Record<string, string>,
): Promise<{ status: number; who: unknown }> {
  const response = await fetch(`${server.url}/trpc/auth.me`, { headers });
  const body = (await response.json()) as { result?: { data: unknown } };
  return { status: response.status, who: body.result?.data ?? null };
}

const cookieOf = (reply: Reply): string => {
  const line = ([] as string[]).concat(reply.headers['set-cookie'] ?? [])[0] ?? '';
  return line.split(';')[0] ?? '';
};

const MINUTE = 60_000;

/**
 * An `onIntent` subscription over server-sent events with a cookie, running (an intent published before it
 * has arrived through it): its text so far, whether the server ended it, and a promise of that end.
 */
async function openTail(server: TestServer, cookie: string) {
  const intent = createStrategyIntent();
  await server.bus.publish('strategy.intent', intent);
  const input = encodeURIComponent(JSON.stringify({ lastEventId: '0-0' }));
  const stream = await fetch(`${server.url}/trpc/onIntent?input=${input}`, { headers: { cookie } });
  const reader = stream.body?.getReader();
  let text = '';
  let done = false;
  const ended = (async () => {
    for (;;) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    done = true;
  })();
  await expect.poll(() => text).toContain(intent.intent_id);
  expect(done).toBe(false);
  return { ended, text: () => text, done: () => done };
}

describe('auth.login', () => {
  describe('when the password is right', () => {
    it('signs the user in (any case) with an httpOnly, SameSite=Strict session cookie', async () => {
      await using server = await startTestServer({ user: null, users: ['alice'] });

      const reply = await login(server, [' Alice ', 'alice-pass-1']);

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ result: { data: { username: 'alice', role: 'trader' } } });
      const [line] = ([] as string[]).concat(reply.headers['set-cookie'] ?? []);
      expect(line).toMatch(
        /^gamma_session=[A-Za-z0-9_-]{43}; Max-Age=86400; Path=\/; HttpOnly; SameSite=Strict$/,
      );
      expect(await me(server, { cookie: cookieOf(reply) })).toEqual({
        status: 200,
        who: { username: 'alice', role: 'trader' },
      });
    });

    it('marks the cookie Secure when COOKIE_SECURE=true', async () => {
      await using server = await startTestServer({
        user: null,
        users: ['alice'],
        env: { COOKIE_SECURE: 'true' },
      });

      const reply = await login(server, ['alice', 'alice-pass-1']);

      expect(([] as string[]).concat(reply.headers['set-cookie'] ?? [])[0]).toMatch(/; Secure/);
    });

    it('gives a new session at every sign-in and ends the one the browser had', async () => {
      await using server = await startTestServer({ user: null, users: ['alice'] });
      const first = cookieOf(await login(server, ['alice', 'alice-pass-1']));

      const again = await post(server, 'auth.login', {
        body: { username: 'alice', password: 'alice-pass-1' },
        cookie: first,
      });

      expect(cookieOf(again)).not.toBe(first);
      expect((await me(server, { cookie: first })).status).toBe(401);
      expect((await me(server, { cookie: cookieOf(again) })).status).toBe(200);
    });
  });

  describe('when the password is wrong or the user unknown', () => {
    it('refuses both alike with UNAUTHORIZED and sets no cookie', async () => {
      await using server = await startTestServer({ user: null, users: ['alice'] });

      const wrong = await login(server, ['alice', 'bob-pass-1']);
      const unknown = await login(server, ['mallory', 'alice-pass-1']);

      for (const reply of [wrong, unknown]) {
        expect(reply.status).toBe(401);
        expect(reply.body).toMatchObject({ error: { message: 'wrong username or password' } });
        expect(reply.headers['set-cookie']).toBeUndefined();
      }
    });
  });
});

describe('failed sign-ins', () => {
  describe('when one username fails five times within a minute, from anywhere', () => {
    it('refuses it for the rest of that minute, right password included, saying when to retry', async () => {
      const clock = new FakeClock(Date.parse('2026-03-02T09:15:20.000Z'));
      await using server = await startTestServer({ clock, user: null, users: ['alice', 'bob'] });
      for (const n of [2, 3, 4, 5, 6])
        expect((await login(server, ['alice', 'nope'], `127.0.0.${n}`)).status).toBe(401);

      clock.advance(10_000);
      const refused = await login(server, ['ALICE', 'alice-pass-1'], '127.0.0.7');
      const other = await login(server, ['bob', 'bob-pass-1'], '127.0.0.7');
      clock.set(Date.parse('2026-03-02T09:16:00.000Z'));
      const nextMinute = await login(server, ['alice', 'alice-pass-1'], '127.0.0.7');

      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('30');
      expect(refused.body).toMatchObject({
        error: {
          message: 'too many failed sign-ins for user alice: try again in 30 s',
          data: { code: 'TOO_MANY_REQUESTS' },
        },
      });
      expect(other.status).toBe(200);
      expect(nextMinute.status).toBe(200);
    });
  });

  describe('when one address fails five times within a minute, whatever the names', () => {
    it('refuses every sign-in from it for the rest of that minute, and no other address', async () => {
      const clock = new FakeClock(Date.parse('2026-03-02T09:15:00.000Z'));
      await using server = await startTestServer({ clock, user: null, users: ['alice', 'bob'] });
      for (const name of ['u1', 'u2', 'u3', 'u4', 'u5'])
        expect((await login(server, [name, 'nope'], '127.0.0.9')).status).toBe(401);

      const refused = await login(server, ['bob', 'bob-pass-1'], '127.0.0.9');
      const elsewhere = await login(server, ['bob', 'bob-pass-1'], '127.0.0.10');

      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        error: { message: 'too many failed sign-ins for address 127.0.0.9: try again in 60 s' },
      });
      expect(elsewhere.status).toBe(200);
    });
  });
  describe('when the name typed is no username (a password in the wrong field)', () => {
    it('does not echo it in the refusal', async () => {
      await using server = await startTestServer({ user: null, users: ['alice'] });
      for (const n of [2, 3, 4, 5, 6])
        expect((await login(server, ['Tr0ub4dor &3', 'x'], `127.0.0.${n}`)).status).toBe(401);

      const refused = await login(server, ['Tr0ub4dor &3', 'x'], '127.0.0.7');

      expect(refused.status).toBe(429);
      expect(JSON.stringify(refused.body)).not.toContain('Tr0ub4dor');
      expect(refused.body).toMatchObject({
        error: {
          message: expect.stringMatching(
            /^too many failed sign-ins for user <invalid username>: /,
          ) as unknown,
        },
      });
    });
  });

  describe('when many sign-ins for one user from one address arrive at once', () => {
    it('checks at most five passwords and lets none in after the fifth attempt', async () => {
      const clock = new FakeClock(Date.parse('2026-03-02T09:15:20.000Z'));
      await using server = await startTestServer({ clock, user: null, users: ['alice'] });
      const checks = vi.spyOn(server.accounts, 'verifyPassword');

      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => login(server, ['alice', `guess-${i}`], '127.0.0.11')),
      );
      const right = await login(server, ['alice', 'alice-pass-1'], '127.0.0.11');

      expect(checks).toHaveBeenCalledTimes(5);
      expect(replies.map((reply) => reply.status).sort()).toEqual([
        401, 401, 401, 401, 401, 429, 429, 429, 429, 429,
      ]);
      expect(right.status).toBe(429);
    });
  });

  describe('when one request batches several auth.login calls', () => {
    it('refuses every one with BAD_REQUEST naming why, checking no password', async () => {
      await using server = await startTestServer({ user: null, users: ['alice'] });
      const checks = vi.spyOn(server.accounts, 'verifyPassword');
      const guesses = ['nope-1', 'nope-2', 'alice-pass-1'];
      const body = Object.fromEntries(guesses.map((password, i) => [i, { username: 'alice', password }]));

      const reply = await post(server, 'auth.login,auth.login,auth.login?batch=1', { body });

      expect(reply.status).toBe(400);
      expect(reply.body).toEqual(
        guesses.map(() => ({
          error: expect.objectContaining({
            message: 'auth.login must be the only call of its request (this batch has 3 calls)',
            data: expect.objectContaining({ code: 'BAD_REQUEST' }),
          }) as unknown,
        })),
      );
      expect(reply.headers['set-cookie']).toBeUndefined();
      expect(checks).not.toHaveBeenCalled();
    });
  });

  describe('when the right password follows failed ones', () => {
    it('signs in without using up an attempt or forgetting the failures', async () => {
      const clock = new FakeClock(Date.parse('2026-03-02T09:15:20.000Z'));
      await using server = await startTestServer({ clock, user: null, users: ['alice'] });
      for (let n = 0; n < 4; n += 1) expect((await login(server, ['alice', 'nope'])).status).toBe(401);

      const first = await login(server, ['alice', 'alice-pass-1']);
      const second = await login(server, ['alice', 'alice-pass-1']);
      const fifthFailure = await login(server, ['alice', 'nope']);
      const afterIt = await login(server, ['alice', 'alice-pass-1']);

      expect([first.status, second.status, fifthFailure.status, afterIt.status]).toEqual([
        200, 200, 401, 429,
      ]);
    });
  });
});

describe('sessions', () => {
  const expiring = (clock: FakeClock) =>
    startTestServer({
      clock,
      user: null,
      users: ['alice'],
      env: { SESSION_IDLE_MIN: '10', SESSION_MAX_H: '1' },
    });

  describe('when a session has had no HTTP request for SESSION_IDLE_MIN', () => {
    it('ends, while each request before that restarts its idle time', async () => {
      const clock = new FakeClock();
      await using server = await expiring(clock);
      const ended: SessionEnded[] = [];
      server.authenticator.onSessionEnded((e) => ended.push(e));
      const cookie = cookieOf(await login(server, ['alice', 'alice-pass-1']));

      clock.advance(9 * MINUTE);
      expect((await me(server, { cookie })).status).toBe(200);
      clock.advance(9 * MINUTE);
      expect((await me(server, { cookie })).status).toBe(200);
      clock.advance(10 * MINUTE);
      expect((await me(server, { cookie })).status).toBe(401);

      expect(ended).toEqual([
        { username: 'alice', sessionId: expect.stringMatching(/^[0-9a-f]{64}$/), reason: 'expired' },
      ]);
    });
  });

  describe('when a public procedure is called with a cookie', () => {
    it('never looks the session up (health answers even without Redis)', async () => {
      const clock = new FakeClock();
      await using server = await expiring(clock);
      const ended: SessionEnded[] = [];
      server.authenticator.onSessionEnded((e) => ended.push(e));
      const cookie = cookieOf(await login(server, ['alice', 'alice-pass-1']));
      clock.advance(10 * MINUTE);

      const health = await fetch(`${server.url}/trpc/health`, { headers: { cookie } });
      const seenByHealth = [...ended];
      const meStatus = (await me(server, { cookie })).status;

      expect(health.status).toBe(200);
      expect(seenByHealth).toEqual([]);
      expect(meStatus).toBe(401);
      expect(ended.map((e) => e.reason)).toEqual(['expired']);
    });
  });

  describe('when a session reaches SESSION_MAX_H', () => {
    it('ends however busy it was', async () => {
      const clock = new FakeClock();
      await using server = await expiring(clock);
      const cookie = cookieOf(await login(server, ['alice', 'alice-pass-1']));

      for (let i = 0; i < 6; i++) {
        clock.advance(9 * MINUTE);
        expect((await me(server, { cookie })).status).toBe(200);
      }
      clock.advance(6 * MINUTE);

      expect((await me(server, { cookie })).status).toBe(401);
    });
  });

  describe('when the user logs out', () => {
    it('ends the session, clears the cookie and says so to the listeners', async () => {
      await using server = await startTestServer({ user: null, users: ['alice'] });
      const ended: SessionEnded[] = [];
      server.authenticator.onSessionEnded((e) => ended.push(e));
      const cookie = cookieOf(await login(server, ['alice', 'alice-pass-1']));

      const reply = await post(server, 'auth.logout', { body: null, cookie });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ result: { data: { ok: true } } });
      expect(([] as string[]).concat(reply.headers['set-cookie'] ?? [])[0]).toMatch(
        /^gamma_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict$/,
      );
      expect((await me(server, { cookie })).status).toBe(401);
      expect(ended).toEqual([{ username: 'alice', sessionId: expect.any(String), reason: 'logout' }]);
    });
  });

  describe('when a session with an open subscription ends', () => {
    it('ends the subscription too', async () => {
      await using server = await startTestServer({ user: null, users: ['alice'] });
      const cookie = cookieOf(await login(server, ['alice', 'alice-pass-1']));
      const tail = await openTail(server, cookie);

      await post(server, 'auth.logout', { body: null, cookie });

      await tail.ended;
      expect(tail.text()).not.toContain('serialized-error');
    });
  });

  describe('when the session of an open server-sent-events subscription ends unseen by this gateway', () => {
    const options = (clock: FakeClock) => ({
      clock,
      user: null,
      users: ['alice' as const],
      env: { SESSION_IDLE_MIN: '10', WS_SESSION_CHECK_S: '0.05' },
    });

    it('ends it at the next check once the session has idled out', async () => {
      const clock = new FakeClock(Date.now());
      await using server = await startTestServer(options(clock));
      const tail = await openTail(server, cookieOf(await login(server, ['alice', 'alice-pass-1'])));

      clock.advance(11 * MINUTE);

      await expect.poll(() => tail.done(), { timeout: 5000 }).toBe(true);
    });

    it('ends it at the next check once another gateway has logged the session out', async () => {
      await using server = await startTestServer(options(new FakeClock(Date.now())));
      const cookie = cookieOf(await login(server, ['alice', 'alice-pass-1']));
      const tail = await openTail(server, cookie);

      // What a logout on another process does here: the record goes, and no one in this process hears of it
      await server.stores.sessions.delete(sessionIdHash(cookie.slice('gamma_session='.length)));

      await expect.poll(() => tail.done(), { timeout: 5000 }).toBe(true);
    });
  });

  describe('when an admin disables a user', () => {
    it("ends the user's sessions at once and refuses their sign-in", async () => {
      await using server = await startTestServer({ user: 'admin' });
      const ended: SessionEnded[] = [];
      server.authenticator.onSessionEnded((e) => ended.push(e));
      const bob = await server.createClient({ user: 'bob' });

      const disabled = await server.client.users.disable.mutate({ username: 'bob' });

      expect(disabled).toMatchObject({ username: 'bob', disabled: true });
      await expect(bob.client.auth.me.query()).rejects.toMatchObject({
        data: { code: 'UNAUTHORIZED', httpStatus: 401 },
      });
      await expect(bob.signIn('bob')).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
      expect(ended).toEqual([{ username: 'bob', sessionId: null, reason: 'disabled' }]);
    });
  });

  describe("when an admin changes a user's role", () => {
    it('counts from their next request', async () => {
      await using server = await startTestServer({ user: 'admin' });
      const carol = await server.createClient({ user: 'carol' });
      await expect(carol.client.approvals.approve.mutate({ intent_id: 'missing' })).rejects.toMatchObject({
        data: { code: 'NOT_FOUND' },
      });

      await server.client.users.setRole.mutate({ username: 'carol', role: 'viewer' });

      await expect(carol.client.approvals.approve.mutate({ intent_id: 'missing' })).rejects.toMatchObject({
        message: 'approvals.approve needs the role trader; carol is viewer',
        data: { code: 'FORBIDDEN', httpStatus: 403 },
      });
      expect(await carol.client.auth.me.query()).toEqual({ username: 'carol', role: 'viewer' });
    });
  });
});

describe('bearer tokens', () => {
  it('authenticate scripts as the token owner until the owner is disabled', async () => {
    await using server = await startTestServer({ user: 'admin', users: ['risk'] });
    const token = await server.accounts.createToken('risk');

    expect(await me(server, { authorization: `Bearer ${token}` })).toEqual({
      status: 200,
      who: { username: 'risk', role: 'risk_manager' },
    });
    expect((await me(server, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await me(server, { authorization: `Basic ${token}` })).status).toBe(401);

    await server.client.users.disable.mutate({ username: 'risk' });
    expect((await me(server, { authorization: `Bearer ${token}` })).status).toBe(401);
  });
});

describe('a batched call', () => {
  it('checks each procedure on its own: health answers, approvals.pending is refused', async () => {
    await using server = await startTestServer({ user: null, users: ['alice'] });

    const response = await fetch(`${server.url}/trpc/health,approvals.pending?batch=1`);
    const body = (await response.json()) as [
      { result?: unknown },
      { error?: { data: { code: string; httpStatus: number } } },
    ];

    expect(body[0].result).toMatchObject({ data: { status: 'ok' } });
    expect(body[1].error?.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
  });
});

describe('users', () => {
  it('lets an admin list, add and re-role accounts, but not disable or re-role themselves', async () => {
    await using server = await startTestServer({ user: 'admin' });

    const added = await server.client.users.add.mutate({
      username: 'Dave',
      role: 'viewer',
      password: 'dave-pass-1',
    });
    const dave = await server.createClient();
    const signedIn = await dave.signIn({ username: 'dave', password: 'dave-pass-1' });

    expect(added).toMatchObject({ username: 'dave', role: 'viewer', disabled: false });
    expect(signedIn).toEqual({ username: 'dave', role: 'viewer' });
    expect((await server.client.users.list.query()).map((a) => a.username)).toContain('dave');
    await expect(
      server.client.users.add.mutate({ username: 'dave', role: 'viewer', password: 'x-pass-123' }),
    ).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
    await expect(server.client.users.disable.mutate({ username: 'admin' })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
    await expect(
      server.client.users.setRole.mutate({ username: 'admin', role: 'viewer' }),
    ).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
  });
});
