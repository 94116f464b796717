import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';
import type { Redis } from 'ioredis';
import WebSocket from 'ws';
import type { Bus } from '../bus/bus.ts';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig, type AppConfig } from '../config/app-config.ts';
import { streamCapsOf } from '../config/process-config.ts';
import { startGateway } from '../gateway.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import type { AuthUser } from '@gamma/shared';
import type { AccountStore } from '../accounts/account-store.ts';
import type { Authenticator } from '../auth/authenticator.ts';
import type { AppRouter } from '../trpc/routers/app-router.ts';
import { gammaUsersOf, TEST_USERS, type TestUserName } from './test-users.ts';
import { deleteKeys } from './delete-keys.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import { TEST_REDIS_URL } from './redis-url.ts';
import { testPrefix } from './test-prefix.ts';

/** A typed client of a test server, over HTTP (queries, mutations) and WebSocket (subscriptions). */
export interface TestClient {
  client: TRPCClient<AppRouter>;
  /**
   * Signs in through `auth.login` like the console does (a test user by name, or any username and
   * password), then carries the session cookie on every HTTP request and WebSocket upgrade; an open
   * WebSocket reconnects with it (subscriptions resume).
   */
  signIn(user: TestUserName | { username: string; password: string }): Promise<AuthUser>;
  /** The `Cookie` header this client sends, or null before a sign-in (and after a logout) */
  cookie(): string | null;
  /** Closes the WebSocket (subscriptions end) */
  close(): Promise<void>;
}

/** A running gateway on a free port, with its own key prefix and the {@link TEST_USERS} it needs. */
export interface TestServer extends AsyncDisposable {
  url: string;
  wsUrl: string;
  /** The default client, signed in as `options.user` (default `trader`) */
  client: TRPCClient<AppRouter>;
  /** The default client's `Cookie` header (its session), null when it is not signed in */
  cookie(): string | null;
  /** Signs the default client in as another user */
  signIn(user: TestUserName | { username: string; password: string }): Promise<AuthUser>;
  /** Another client, signed in as `user` when given (else not signed in) */
  createClient(options?: { user?: TestUserName }): Promise<TestClient>;
  bus: Bus;
  redis: Redis;
  /** The gateway's stores, on `redis` under `prefix` */
  stores: Stores;
  /** The gateway's accounts (the {@link TEST_USERS}), e.g. to disable one or make a token */
  accounts: AccountStore;
  /** The gateway's sign-in and sessions (e.g. `onSessionEnded`) */
  authenticator: Authenticator;
  prefix: string;
  config: AppConfig;
  /** Ends every open WebSocket on the server side (clients reconnect by themselves) */
  dropConnections(): void;
  /** Closes clients and the gateway, then what the server created itself, and deletes `<prefix>:*` */
  close(): Promise<void>;
}

/** Options of {@link startTestServer}; what is not given is created (and closed) by the server. */
export interface TestServerOptions {
  /** Its `prefix` must start with `test-` (keys are deleted on close) */
  bus?: Bus;
  redis?: Redis;
  clock?: Clock;
  /** Environment variables on top of the defaults (PORT 0, HOST 127.0.0.1, the bus prefix) */
  env?: Record<string, string>;
  /** Who the default client signs in as (default `trader`; null: not signed in) */
  user?: TestUserName | null;
  /**
   * Test users seeded through `GAMMA_USERS` at start besides `user` (others are added when a client signs
   * in as them): for tests that sign in by hand
   */
  users?: TestUserName[];
}

const SESSION_COOKIE_PREFIX = 'gamma_session=';

/**
 * A client that keeps the session cookie the server sets (a one-cookie jar: `gamma_session` is the only
 * cookie the gateway sets) and sends it on HTTP and on the WebSocket upgrade, as a browser does. Given
 * `cookie` (another client's), it starts signed in with that session, like a second tab of one browser.
 */
export function createTestClient(
  urls: { url: string; wsUrl: string },
  options: { cookie?: string | null } = {},
): TestClient {
  let cookie: string | null = options.cookie ?? null;
  const keepCookie = (response: Response): void => {
    for (const line of response.headers.getSetCookie()) {
      if (!line.startsWith(SESSION_COOKIE_PREFIX)) continue;
      const value = line.slice(SESSION_COOKIE_PREFIX.length).split(';')[0] ?? '';
      cookie = /;\s*max-age=0(;|$)/i.test(line) || value === '' ? null : `${SESSION_COOKIE_PREFIX}${value}`;
    }
  };
  // Node 20 has no global WebSocket; tRPC constructs the socket with (url, protocols)
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, cookie === null ? {} : { headers: { cookie } });
    }
  }
  const wsClient = createWSClient({
    url: urls.wsUrl,
    WebSocket: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 100,
    // Opened by the first subscription, so it carries the cookie of a sign-in made before
    lazy: { enabled: true, closeMs: 60_000 },
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({
          url: `${urls.url}/trpc`,
          headers: () => (cookie === null ? {} : { cookie }),
          fetch: async (input, init) => {
            const response = await fetch(input, init);
            keepCookie(response);
            return response;
          },
        }),
      }),
    ],
  });
  return {
    client,
    signIn: async (user) => {
      const credentials =
        typeof user === 'string' ? { username: user, password: TEST_USERS[user].password } : user;
      const signedIn = await client.auth.login.mutate(credentials);
      // An open socket still speaks for the previous identity: reopen it with the new cookie
      wsClient.connection?.ws.close();
      return signedIn;
    },
    cookie: () => cookie,
    close: () => wsClient.close(),
  };
}

/** The key prefix of a test server: its bus's, which must start with `test-` (its keys are deleted). */
function testServerPrefix(bus: Bus | undefined): string {
  const prefix = bus?.prefix ?? testPrefix();
  if (!prefix.startsWith('test-')) {
    throw new Error(
      `startTestServer: the bus prefix must start with "test-" (got "${prefix}"); use testPrefix()`,
    );
  }
  return prefix;
}

/** A test server's settings: an in-memory database whose accounts are the seeded test users. */
const testServerConfig = (
  prefix: string,
  seeded: ReadonlySet<TestUserName>,
  env: Record<string, string> = {},
): AppConfig =>
  loadConfig({
    LOG_LEVEL: 'silent',
    // The accounts (and any audit store) in an in-memory database, the test users seeded as an operator would
    DATA_DIR: 'memory://',
    DATABASE_URL: '',
    GAMMA_USERS: gammaUsersOf(seeded),
    // Test passwords are hashed at scrypt's lowest allowed cost: the format and the checks are the same as at
    // the default, and the suite signs in hundreds of times on a 2-core machine
    PASSWORD_HASH_COST: '10',
    ...env,
    PORT: '0',
    HOST: '127.0.0.1',
    STREAM_PREFIX: prefix,
  });

/**
 * Makes the clients of a test server (kept in `clients` to close them). A test user not seeded at start is
 * added on its first sign-in, as `npm run users -- add` would (one password hash each, ~0.3 s).
 */
function clientFactory(deps: {
  urls: { url: string; wsUrl: string };
  accounts: AccountStore;
  seeded: Set<TestUserName>;
  clients: TestClient[];
}): (options?: { user?: TestUserName }) => Promise<TestClient> {
  const ensureUser = async (name: TestUserName): Promise<void> => {
    if (deps.seeded.has(name)) return;
    await deps.accounts.upsert({ username: name, ...TEST_USERS[name] });
    deps.seeded.add(name);
  };
  return async (options = {}) => {
    const plain = createTestClient(deps.urls);
    const created: TestClient = {
      ...plain,
      signIn: async (who) => {
        if (typeof who === 'string') await ensureUser(who);
        return plain.signIn(who);
      },
    };
    deps.clients.push(created);
    if (options.user !== undefined) await created.signIn(options.user);
    return created;
  };
}

/**
 * Starts the real gateway (HTTP + WebSocket) on port 0 for a router test (CONVENTIONS §25):
 * `await using server = await startTestServer();`. Uses real Redis for what is not given.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownsRedis = options.redis === undefined;
  const redis = options.redis ?? createRedis(TEST_REDIS_URL);
  const prefix = testServerPrefix(options.bus);
  const ownsBus = options.bus === undefined;
  const bus = options.bus ?? createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, log: silentLogger });
  const user = options.user === undefined ? 'trader' : options.user;
  const seeded = new Set<TestUserName>([...(user === null ? [] : [user]), ...(options.users ?? [])]);
  const config = testServerConfig(prefix, seeded, options.env);
  const stores = createRedisStores(redis, { prefix, ...streamCapsOf(config.process) });
  const gateway = await startGateway({
    bus,
    stores,
    config,
    clock: options.clock ?? systemClock,
    log: silentLogger,
  });
  const url = `http://127.0.0.1:${gateway.port}`;
  const wsUrl = `ws://127.0.0.1:${gateway.port}/trpc`;
  const clients: TestClient[] = [];
  const createClient = clientFactory({ urls: { url, wsUrl }, accounts: gateway.accounts, seeded, clients });
  const main = await createClient(user === null ? {} : { user });
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      await Promise.allSettled(clients.map((c) => c.close()));
      await gateway.close();
      if (ownsBus) await bus.close();
      await deleteKeys(redis, `${prefix}:*`);
      if (ownsRedis) await redis.quit();
    })();
    return closed;
  };
  return {
    url,
    wsUrl,
    client: main.client,
    signIn: main.signIn,
    cookie: main.cookie,
    createClient,
    bus,
    redis,
    stores,
    accounts: gateway.accounts,
    authenticator: gateway.authenticator,
    prefix,
    config,
    dropConnections: () => gateway.dropConnections(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
