import { roleAtLeast, type Role } from '@gamma/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedLeastRoles } from '../testing/pinned-role-table.ts';
import type { TestUserName } from '../testing/test-users.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { PROCEDURE_ROLES, type LeastRole, type ProcedurePath } from './procedure-roles.ts';
import { appRouter } from './routers/app-router.ts';

/**
 * Inputs valid enough to get past validation where that is cheap; a procedure not listed takes none. An
 * allowed call may still fail for its input or state (404, 409, 412): what matters here is 401 or 403.
 */
const INPUTS: Partial<Record<ProcedurePath, unknown>> = {
  'auth.login': { username: 'carol', password: 'carol-pass-1' },
  'approvals.approve': { intent_id: 'walk-missing' },
  'approvals.veto': { intent_id: 'walk-missing', reason: 'walk' },
  'intents.recent': { limit: 5 },
  'intents.explain': { intent_id: 'walk-missing' },
  'market.pqSpread': { underlying: 'BTC/USDT' },
  'market.volSurface': { underlying: 'BTC/USDT' },
  'market.forecasts': { underlying: 'BTC/USDT' },
  'market.volHistory': { underlying: 'BTC/USDT', limit: 5 },
  'macro.history': { limit: 5 },
  'audit.events': { limit: 5 },
  'history.search': { limit: 5 },
  'orders.list': { limit: 5 },
  'risk.acknowledgeAlert': { key: 'global|drawdown|' },
  'risk.setTradingState': { scope: 'strategy', key: 'walk_strategy', state: 'ACTIVE', reason: 'walk' },
  'users.add': { username: 'walker', role: 'viewer', password: 'walker-pass-1' },
  'users.setRole': { username: 'carol', role: 'trader' },
  'users.disable': { username: 'bob' },
};

/** Who walks the router: no one, then one signed-in user of each role. */
const IDENTITIES: { name: string; user: TestUserName | null; role: Role | null }[] = [
  { name: 'no session', user: null, role: null },
  { name: 'viewer', user: 'viewer', role: 'viewer' },
  { name: 'trader', user: 'trader', role: 'trader' },
  { name: 'risk_manager', user: 'risk', role: 'risk_manager' },
  { name: 'admin', user: 'admin', role: 'admin' },
];

const expectedStatus = (least: LeastRole, role: Role | null): 'allowed' | 401 | 403 => {
  if (least === 'public') return 'allowed';
  if (role === null) return 401;
  return roleAtLeast(role, least) ? 'allowed' : 403;
};

type ProcedureType = 'query' | 'mutation' | 'subscription';
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;

/** The HTTP status of a serialized tRPC error event on a server-sent-events stream, once one arrives. */
async function sseErrorStatus(body: ReadableStream<Uint8Array>): Promise<number> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended without an error event: ${text}`);
    text += decoder.decode(value, { stream: true });
    const match = /event: serialized-error\ndata: (.*)\n/.exec(text);
    if (match?.[1] !== undefined) {
      await reader.cancel();
      return (JSON.parse(match[1]) as { data: { httpStatus: number } }).data.httpStatus;
    }
  }
}

/**
 * One call over HTTP as a browser or curl makes it, the session cookie attached: a query by GET, a
 * mutation by POST, a subscription by GET as server-sent events, the same procedure chain as on a
 * WebSocket (its status is that of the error event: a bad `lastEventId` makes an allowed call fail 400).
 */
async function call(server: TestServer, path: string, cookie: string | null): Promise<number> {
  const type = procedures[path]?._def.type;
  const input = type === 'subscription' ? { lastEventId: 'not-an-entry-id' } : INPUTS[path as ProcedurePath];
  const headers: Record<string, string> = cookie === null ? {} : { cookie };
  if (type === 'mutation') {
    const response = await fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? null),
    });
    return response.status;
  }
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${server.url}/trpc/${path}${query}`, { headers });
  if (type !== 'subscription' || response.body === null) return response.status;
  return sseErrorStatus(response.body);
}

// Logout ends the walker's session, so it comes last but one; login (public) last
const LAST: ProcedurePath[] = ['auth.logout', 'auth.login'];
const walkOrder = [
  ...(Object.keys(PROCEDURE_ROLES) as ProcedurePath[]).filter((path) => !LAST.includes(path)),
  ...LAST,
];

/** What the walk expects: the hand-written table, not the enforced one it checks. */
const PINNED = pinnedLeastRoles();

describe('the role table, enforced on the whole router', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      user: null,
      users: ['viewer', 'trader', 'risk', 'admin', 'bob', 'carol'],
    });
  });
  afterAll(() => server.close());

  it('has a row for every procedure and a procedure for every row', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(PROCEDURE_ROLES).sort());
  });

  it.each(IDENTITIES)('answers $name on every procedure as the table says', async ({ user, role }) => {
    const client = await server.createClient(user === null ? {} : { user });
    const seen: Record<string, number | 'allowed'> = {};
    const expected: Record<string, number | 'allowed'> = {};
    for (const path of walkOrder) {
      const status = await call(server, path, client.cookie());
      seen[path] = status === 401 || status === 403 ? status : 'allowed';
      const least = PINNED[path];
      if (least === undefined) throw new Error(`${path} is not in the pinned role table`);
      expected[path] = expectedStatus(least, role);
    }
    expect(seen).toEqual(expected);
  });
});
