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
import { startGateway } from '../gateway.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import type { AppRouter } from '../trpc/routers/app-router.ts';
import { deleteKeys } from './delete-keys.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import { TEST_REDIS_URL } from './redis-url.ts';
import { testPrefix } from './test-prefix.ts';

/** A typed client of a test server, over HTTP (queries, mutations) and WebSocket (subscriptions). */
export interface TestClient {
  client: TRPCClient<AppRouter>;
  /** The `x-gamma-user` header of later HTTP requests (undefined = none: the default trader) */
  setUser(user: string | undefined): void;
  /** Closes the WebSocket (subscriptions end) */
  close(): Promise<void>;
}

/** A running gateway on a free port, with its own key prefix. */
export interface TestServer extends AsyncDisposable {
  url: string;
  wsUrl: string;
  /** The default client */
  client: TRPCClient<AppRouter>;
  /** Sets the `x-gamma-user` header of the default client */
  setUser(user: string | undefined): void;
  /** Another client, e.g. to drop and reopen a WebSocket */
  createClient(options?: { user?: string }): TestClient;
  bus: Bus;
  redis: Redis;
  /** The gateway's stores, on `redis` under `prefix` */
  stores: Stores;
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
  /** The default client's `x-gamma-user` */
  user?: string;
}

/** A client with a mutable `x-gamma-user` header; the WebSocket sends the initial user too. */
export function createTestClient(
  urls: { url: string; wsUrl: string },
  options: { user?: string } = {},
): TestClient {
  let user = options.user;
  const initialUser = options.user;
  // Node 20 has no global WebSocket; tRPC constructs the socket with (url, protocols)
  class UserWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(
        address,
        protocols,
        initialUser === undefined ? {} : { headers: { 'x-gamma-user': initialUser } },
      );
    }
  }
  const wsClient = createWSClient({
    url: urls.wsUrl,
    WebSocket: UserWebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 100,
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({
          url: `${urls.url}/trpc`,
          headers: () => (user === undefined ? {} : { 'x-gamma-user': user }),
        }),
      }),
    ],
  });
  return {
    client,
    setUser: (next) => {
      user = next;
    },
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
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ...options.env,
    PORT: '0',
    HOST: '127.0.0.1',
    STREAM_PREFIX: prefix,
  });
  const stores = createRedisStores(redis, { prefix, maxLen: config.process.streamMaxLen });
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
  const createClient = (clientOptions: { user?: string } = {}): TestClient => {
    const created = createTestClient({ url, wsUrl }, clientOptions);
    clients.push(created);
    return created;
  };
  const main = createClient(options.user === undefined ? {} : { user: options.user });
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
    setUser: main.setUser,
    createClient,
    bus,
    redis,
    stores,
    prefix,
    config,
    dropConnections: () => gateway.dropConnections(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
