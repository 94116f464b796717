import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.ts';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { MAX_BODY_BYTES, MAX_WS_MESSAGE_BYTES } from './gateway-server.ts';
import { SESSION_ENDED_CLOSE_CODE } from './socket-sessions.ts';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with exactly the given headers (fetch would add or drop some, e.g. `Origin`). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Bytes written on a raw TCP connection and everything the server sends back until it closes it. */
function exchangeRaw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}

/** The outcome of a WebSocket handshake: `open`, or the HTTP status it was refused with and its headers. */
function openSocket(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ opened: WebSocket } | { refused: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ opened: socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0, headers: res.headers });
      res.resume();
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** The close code a socket ends with. */
const closeCodeOf = (socket: WebSocket): Promise<number> =>
  new Promise((resolve) => socket.once('close', (code) => resolve(code)));

/** Opens a socket that must be accepted. */
async function openAccepted(url: string, headers: Record<string, string>): Promise<WebSocket> {
  const outcome = await openSocket(url, headers);
  if (!('opened' in outcome)) throw new Error(`upgrade refused: ${outcome.refused}`);
  return outcome.opened;
}

const upgradeRequest = (port: number, headers: Record<string, string>) =>
  [
    'GET /trpc HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');

/** Sends a raw upgrade and splits what comes back, up to the close, into the status head and the body. */
async function rawUpgrade(
  port: number,
  headers: Record<string, string>,
): Promise<{ head: string; body: unknown }> {
  const reply = await exchangeRaw(port, upgradeRequest(port, headers));
  const [head = '', body = ''] = reply.split('\r\n\r\n');
  return { head, body: JSON.parse(body) };
}

const EVIL = 'http://evil.example';
const json = { 'content-type': 'application/json' };

function expectSecurityHeaders(headers: IncomingHttpHeaders): void {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('browser safety of the gateway', () => {
  let server: TestServer;
  let distDir: string;
  let port: number;
  /** The session cookie of a signed-in trader */
  let cookie: Record<string, string>;

  beforeAll(async () => {
    distDir = await mkdtemp(join(tmpdir(), 'gamma-dist-'));
    await writeFile(join(distDir, 'index.html'), '<!doctype html><title>console</title>');
    server = await startTestServer({ env: { WEB_DIST_DIR: distDir } });
    port = Number(new URL(server.url).port);
    const trader = await server.createClient({ user: 'trader' });
    cookie = { cookie: trader.cookie() ?? '' };
  });
  afterAll(async () => {
    await server.close();
    await rm(distDir, { recursive: true, force: true });
  });

  describe('when anything is asked', () => {
    it('puts the security headers on every kind of response', async () => {
      const replies = {
        trpcQuery: await send(`${server.url}/trpc/health`),
        trpcError: await send(`${server.url}/trpc/no.such.procedure`, { headers: cookie }),
        trpcSignedOut: await send(`${server.url}/trpc/approvals.pending`),
        trpcMutation: await send(`${server.url}/trpc/approvals.approve`, {
          method: 'POST',
          headers: { ...json, ...cookie },
          body: JSON.stringify({ intent_id: 'unknown' }),
        }),
        healthz: await send(`${server.url}/healthz`),
        rest: await send(`${server.url}/api/v1/options/pq-spread/BTC-USDT`, { headers: cookie }),
        restError: await send(`${server.url}/api/v1/options/pq-spread/NOPE-USDT`, { headers: cookie }),
        console: await send(`${server.url}/`),
        consoleRoute: await send(`${server.url}/approvals`),
        missingFile: await send(`${server.url}/missing.js`),
        wrongMethod: await send(`${server.url}/`, { method: 'DELETE' }),
        csrf: await send(`${server.url}/trpc/approvals.approve`, {
          method: 'POST',
          headers: { ...json, ...cookie, origin: EVIL },
          body: '{}',
        }),
      };
      expect(
        Object.fromEntries(Object.entries(replies).map(([kind, reply]) => [kind, reply.status])),
      ).toEqual({
        trpcQuery: 200,
        trpcError: 404,
        trpcSignedOut: 401,
        trpcMutation: 404,
        healthz: 200,
        rest: 200,
        restError: 404,
        console: 200,
        consoleRoute: 200,
        missingFile: 404,
        wrongMethod: 405,
        csrf: 403,
      });
      for (const reply of Object.values(replies)) expectSecurityHeaders(reply.headers);
    });

    it('answers a request it cannot parse with 400, and headers too large with 431, with the security headers', async () => {
      const huge = `GET / HTTP/1.1\r\nHost: x\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`;
      for (const [request, status] of [
        ['NOT HTTP\r\n\r\n', 400],
        [huge, 431],
      ] as const) {
        const reply = await exchangeRaw(port, request);
        expect(reply).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
        expect(reply).toContain('x-content-type-options: nosniff');
        expect(reply).toContain("frame-ancestors 'none'");
      }
    });
  });

  describe('when a page of another origin sends a mutation (CSRF)', () => {
    it('refuses it with 403 and a tRPC error before any procedure runs', async () => {
      const reply = await send(`${server.url}/trpc/approvals.veto`, {
        method: 'POST',
        headers: { ...json, ...cookie, origin: EVIL },
        body: JSON.stringify({ intent_id: 'i-1', reason: 'no' }),
      });
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({
        error: {
          message: `origin ${EVIL} is not allowed (ALLOWED_ORIGINS)`,
          code: -32003,
          data: { code: 'FORBIDDEN', httpStatus: 403, path: 'approvals.veto', zodError: null },
        },
      });
    });

    it('refuses a batch with one error per procedure', async () => {
      const reply = await send(`${server.url}/trpc/approvals.approve,approvals.veto?batch=1`, {
        method: 'POST',
        headers: { ...json, ...cookie, origin: 'null' },
        body: JSON.stringify({ 0: { intent_id: 'i-1' }, 1: { intent_id: 'i-1', reason: 'no' } }),
      });
      expect(reply.status).toBe(403);
      const errors = JSON.parse(reply.body) as { error: { data: { code: string; path: string } } }[];
      expect(errors.map((e) => [e.error.data.code, e.error.data.path])).toEqual([
        ['FORBIDDEN', 'approvals.approve'],
        ['FORBIDDEN', 'approvals.veto'],
      ]);
    });

    it('lets the same mutation through from the gateway own origin, or without an Origin (curl)', async () => {
      const mutation = { method: 'POST', body: JSON.stringify({ intent_id: 'unknown' }) };
      const own = await send(`${server.url}/trpc/approvals.approve`, {
        ...mutation,
        headers: { ...json, ...cookie, origin: server.url },
      });
      const bearer = { authorization: `Bearer ${await server.accounts.createToken('trader')}` };
      const none = await send(`${server.url}/trpc/approvals.approve`, {
        ...mutation,
        headers: { ...json, ...bearer },
      });
      // Both reach the procedure, which does not know the intent
      expect(JSON.parse(own.body)).toMatchObject({ error: { data: { code: 'NOT_FOUND' } } });
      expect(JSON.parse(none.body)).toMatchObject({ error: { data: { code: 'NOT_FOUND' } } });
    });

    it('leaves reads from another origin to the browser (no CORS headers are sent)', async () => {
      const reply = await send(`${server.url}/trpc/health`, { headers: { origin: EVIL } });
      expect(reply.status).toBe(200);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('when a request body is larger than the cap', () => {
    it('answers 413 PAYLOAD_TOO_LARGE', async () => {
      const reply = await send(`${server.url}/trpc/approvals.veto`, {
        method: 'POST',
        headers: { ...json, ...cookie },
        body: JSON.stringify({ intent_id: 'i-1', reason: 'x'.repeat(MAX_BODY_BYTES) }),
      });
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE' } } });
      expectSecurityHeaders(reply.headers);
    });

    it('rejects a string longer than its maximum with BAD_REQUEST', async () => {
      const reply = await send(`${server.url}/trpc/approvals.veto`, {
        method: 'POST',
        headers: { ...json, ...cookie },
        body: JSON.stringify({ intent_id: 'i-1', reason: 'x'.repeat(5000) }),
      });
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ error: { data: { code: 'BAD_REQUEST' } } });
    });
  });

  describe('when a WebSocket upgrade comes from another origin', () => {
    it('refuses it with a plain 403 and the security headers, even with a valid session cookie', async () => {
      const outcome = await openSocket(server.wsUrl, { ...cookie, origin: EVIL });
      expect(outcome).toMatchObject({ refused: 403 });
      if ('headers' in outcome) expectSecurityHeaders(outcome.headers);
    });

    it('sends nothing but the refusal and closes the connection', async () => {
      const { head, body } = await rawUpgrade(port, { ...cookie, origin: EVIL });
      expect(head).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
      expect(head).not.toMatch(/upgrade/i);
      expect(body).toEqual({ error: `origin ${EVIL} is not allowed (ALLOWED_ORIGINS)` });
    });

    it('accepts the gateway own origin', async () => {
      const socket = await openAccepted(server.wsUrl, { ...cookie, origin: server.url });
      socket.terminate();
    });
  });

  describe('when an upgrade is not a WebSocket handshake', () => {
    it('refuses it with a plain 400 and the security headers', async () => {
      const reply = await exchangeRaw(
        port,
        ['GET /trpc HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Upgrade: h2c', 'Connection: Upgrade', '', ''].join(
          '\r\n',
        ),
      );
      const [head = '', body = ''] = reply.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(head.toLowerCase()).toContain("frame-ancestors 'none'");
      expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
      expect(JSON.parse(body)).toEqual({ error: 'only the websocket upgrade is served, not h2c' });
    });
  });

  describe('when a WebSocket upgrade carries no valid credential', () => {
    it('refuses it with a plain 401 and sends nothing else, without a cookie or with an unknown one', async () => {
      const attempts: Record<string, string>[] = [{ origin: server.url }, { cookie: 'gamma_session=forged' }];
      for (const headers of attempts) {
        const { head, body } = await rawUpgrade(port, headers);
        expect(head).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
        expect(head).not.toMatch(/upgrade/i);
        expect(body).toEqual({
          error: 'not signed in: a WebSocket needs a session cookie or a bearer token',
        });
      }
    });

    it('accepts a bearer token instead of a cookie', async () => {
      const token = await server.accounts.createToken('trader');
      const socket = await openAccepted(server.wsUrl, { authorization: `Bearer ${token}` });
      socket.terminate();
    });
  });

  describe('when a WebSocket message is larger than the cap', () => {
    it('closes the socket with 1009 (message too big)', async () => {
      const socket = await openAccepted(server.wsUrl, cookie);
      const closed = closeCodeOf(socket);
      socket.send('x'.repeat(MAX_WS_MESSAGE_BYTES + 1));
      expect(await closed).toBe(1009);
    });
  });
});

describe('WebSocket sessions', () => {
  describe('when the user logs out', () => {
    it('closes the open socket at once and refuses a new upgrade with the old cookie', async () => {
      await using server = await startTestServer();
      const alice = await server.createClient({ user: 'alice' });
      const aliceCookie = { cookie: alice.cookie() ?? '' };
      const socket = await openAccepted(server.wsUrl, aliceCookie);
      const other = await openAccepted(server.wsUrl, {
        cookie: (await server.createClient({ user: 'bob' })).cookie() ?? '',
      });
      const closed = closeCodeOf(socket);
      await alice.client.auth.logout.mutate();
      expect(await closed).toBe(SESSION_ENDED_CLOSE_CODE);
      expect(await openSocket(server.wsUrl, aliceCookie)).toMatchObject({ refused: 401 });
      // Another user's socket stays open
      expect(other.readyState).toBe(WebSocket.OPEN);
      other.terminate();
    });
  });

  describe('when an admin disables the user', () => {
    it('closes every socket of that user, cookie or token', async () => {
      await using server = await startTestServer({ user: 'admin' });
      const carol = await server.createClient({ user: 'carol' });
      const byCookie = await openAccepted(server.wsUrl, { cookie: carol.cookie() ?? '' });
      const token = await server.accounts.createToken('carol');
      const byToken = await openAccepted(server.wsUrl, { authorization: `Bearer ${token}` });
      const closed = Promise.all([closeCodeOf(byCookie), closeCodeOf(byToken)]);
      await server.client.users.disable.mutate({ username: 'carol' });
      expect(await closed).toEqual([SESSION_ENDED_CLOSE_CODE, SESSION_ENDED_CLOSE_CODE]);
    });
  });

  describe('when the session expires while the socket is open', () => {
    it('closes the socket at the next check of open sockets', async () => {
      const clock = new FakeClock(Date.now());
      await using server = await startTestServer({
        clock,
        env: { SESSION_MAX_H: '1', WS_SESSION_CHECK_S: '0.05' },
      });
      const bob = await server.createClient({ user: 'bob' });
      const socket = await openAccepted(server.wsUrl, { cookie: bob.cookie() ?? '' });
      const closed = closeCodeOf(socket);
      clock.advance(61 * 60_000);
      expect(await closed).toBe(SESSION_ENDED_CLOSE_CODE);
    });
  });
});

describe('ALLOWED_ORIGINS', () => {
  describe('when it lists other origins and not self', () => {
    it('accepts those origins and refuses the gateway own', async () => {
      await using server = await startTestServer({
        env: { ALLOWED_ORIGINS: 'http://localhost:5173/, https://desk.example' },
      });
      const trader = await server.createClient({ user: 'trader' });
      const cookie = { cookie: trader.cookie() ?? '' };
      const mutate = (origin: string) =>
        send(`${server.url}/trpc/approvals.approve`, {
          method: 'POST',
          headers: { ...json, ...cookie, origin },
          body: JSON.stringify({ intent_id: 'unknown' }),
        });
      expect((await mutate('http://localhost:5173')).status).toBe(404);
      expect((await mutate('https://desk.example')).status).toBe(404);
      expect((await mutate(server.url)).status).toBe(403);
      (await openAccepted(server.wsUrl, { ...cookie, origin: 'http://localhost:5173' })).terminate();
      expect(await openSocket(server.wsUrl, { ...cookie, origin: server.url })).toMatchObject({
        refused: 403,
      });
    });
  });
});
