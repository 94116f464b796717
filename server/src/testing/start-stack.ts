import type { AuthUser, StreamInput } from '@gamma/shared';
import type { TRPCClient } from '@trpc/client';
import type { RedisClient } from '../bus/redis.ts';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { SERVICE_FACTORIES } from '../app/service-registry.ts';
import type { Bus } from '../bus/bus.ts';
import { createRedisClient } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig, type AppConfig } from '../config/app-config.ts';
import { busSettingsOf, redisTargetOf, streamCapsOf, type ProcessConfig } from '../config/process-config.ts';
import { startGateway, type Gateway } from '../gateway.ts';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { MarketSimulatorService } from '../services/market-simulator/market-simulator.ts';
import type { Service, ServiceDeps } from '../services/service.ts';
import { SingletonService } from '../services/singleton-service.ts';
import type { AppRouter } from '../trpc/routers/app-router.ts';
import { TEST_GAMMA_USERS, type TestUserName } from './test-users.ts';
import { deleteKeys } from './delete-keys.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import { TEST_REDIS_URL } from './redis-url.ts';
import {
  recordingBus,
  streamAccess,
  waitForGroups,
  type Groups,
  type StreamAccess,
} from './stack-streams.ts';
import { createTestClient, type TestClient } from './start-test-server.ts';
import { testPrefix } from './test-prefix.ts';

/** A service the stack hosts, by its `SERVICES` name (the gateway is always on). */
export type StackServiceName = keyof typeof SERVICE_FACTORIES;

/**
 * A StrategyIntentEvent as an external producer writes it (all fields, `timestamp` now): a buy straddle
 * of 0.1 on BTC/USDT by `external_desk`, a strategy no runner instance owns.
 */
export const externalIntent = (
  overrides: Partial<StreamInput<'strategy.intent'>> = {},
): StreamInput<'strategy.intent'> => ({
  intent_id: `it-${randomUUID()}`,
  strategy_id: 'external_desk',
  symbol: 'BTC/USDT',
  intent_type: 'increase_long_gamma',
  action: 'buy_straddle',
  direction: 'buy',
  quantity: 0.1,
  confidence: 0.7,
  reason: 'market_underpricing_volatility',
  timestamp: new Date().toISOString(),
  metadata: {},
  ...overrides,
});

/** Time for `beforeAll(() => startStack())`: eight services, the embedded audit database and the gateway start. */
export const STACK_START_MS = 60_000;

/**
 * `expect.poll` with room for the whole pipeline (several services, one event loop, 2 shared cores):
 * polls every 100 ms for up to 20 s.
 */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

/** The whole system in this process on a fresh `test-<uuid>` prefix of the real Redis. */
export interface Stack extends AsyncDisposable, StreamAccess {
  prefix: string;
  /** The bus every service uses (publishes are validated) */
  bus: Bus;
  /** A command connection for assertions on keys */
  redis: RedisClient;
  /** The configuration of the services, sentiment URLs resolved to the simulator's bound port */
  config: AppConfig;
  /** Gateway base URL, e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Typed tRPC client of the gateway (HTTP + WebSocket), signed in as `trader` */
  client: TRPCClient<AppRouter>;
  /** Signs the default client (signed in as `trader` at start) in as another test user */
  signIn(user: TestUserName): Promise<AuthUser>;
  /** Closes one service (its consumer groups stay in Redis); throws if it is not running. */
  stopService(name: StackServiceName): Promise<void>;
  /** Starts a new instance of a stopped service with the same deps, hence the same groups. */
  startService(name: StackServiceName): Promise<void>;
  /** Closes the gateway, the services and the bus, then deletes `<prefix>:*`. Idempotent. */
  close(): Promise<void>;
}

/** The stack's configuration: the process's environment, then the test settings, then the caller's overrides. */
const stackConfig = (prefix: string, overrides: Record<string, string>): AppConfig =>
  loadConfig({
    ...process.env,
    REDIS_URL: TEST_REDIS_URL,
    HOST: '127.0.0.1',
    STREAM_PREFIX: prefix,
    PORT: '0',
    SIM_SENTIMENT_PORT: '0',
    // Test passwords at scrypt's lowest allowed cost (the suite signs in hundreds of times)
    PASSWORD_HASH_COST: '10',
    // S1 stays inert unless a test asks for the seeded daily history: tests count the intents they publish
    SIM_DAILY_HISTORY_DAYS: '0',
    // Tests publish the same kind of intent several times within seconds: no duplicate window
    RISK_DUPLICATE_WINDOW_S: '0',
    LOG_LEVEL: 'silent',
    // The audit recorder: an in-memory PGlite, never the repository's data folder or a real database
    DATA_DIR: 'memory://',
    DATABASE_URL: '',
    // The test users, seeded as an operator would (the default client signs in as `trader`)
    GAMMA_USERS: TEST_GAMMA_USERS,
    ...overrides,
  });

/** The stack's Redis Streams bus, quiet, on the process settings. */
const stackBus = (settings: ProcessConfig): RedisStreamsBus =>
  createRedisStreamsBus({ ...busSettingsOf(settings), log: silentLogger, clock: systemClock });

/**
 * SIM_SENTIMENT_PORT 0 binds any free port: once the simulator runs, the risk service started after it
 * reads sentiment and on-chain activity from the port actually bound.
 */
function withBoundSentimentPort(
  deps: ServiceDeps,
  service: Service,
  overrides: Record<string, string>,
): ServiceDeps {
  // The registry's simulator runs inside its singleton lease
  const simulator = service instanceof SingletonService ? service.current() : service;
  if (!(simulator instanceof MarketSimulatorService)) return deps;
  const port = simulator.sentimentPort;
  const bound = port === null ? '' : `http://127.0.0.1:${port}`;
  const { sentimentUrls, onchainUrl } = deps.config.riskService;
  const riskService = {
    ...deps.config.riskService,
    sentimentUrls: overrides.SENTIMENT_API_URLS === undefined ? (bound ? [bound] : []) : sentimentUrls,
    onchainUrl: overrides.ONCHAIN_URL === undefined ? bound : onchainUrl,
  };
  return { ...deps, config: { ...deps.config, riskService } };
}

/** Closes clients, the gateway, then the services in reverse start order and the bus; deletes the keys. */
async function stopStack(parts: {
  clients: TestClient[];
  gateway: Gateway | null;
  running: Map<StackServiceName, Service>;
  bus: Bus;
  redis: RedisClient;
  prefix: string;
}): Promise<void> {
  await Promise.allSettled(parts.clients.map((c) => c.close()));
  await parts.gateway?.close();
  const services = [...parts.running.values()].reverse();
  parts.running.clear();
  await Promise.allSettled(services.map((s) => s.close()));
  await parts.bus.close();
  await deleteKeys(parts.redis, `${parts.prefix}:*`);
  await parts.redis.quit();
}

/**
 * Starts every service of `SERVICE_FACTORIES` and the gateway (port 0) in this process, on the real
 * Redis Streams bus under a fresh `test-<uuid>` prefix, as `main.ts` does:
 * `await using stack = await startStack({ APPROVAL_TTL_S: '1' });`. Resolves once every consumer group
 * exists, so an entry appended afterwards reaches every consumer.
 */
export async function startStack(overrides: Record<string, string> = {}): Promise<Stack> {
  const prefix = testPrefix();
  const baseConfig = stackConfig(prefix, overrides);
  const settings = baseConfig.process;
  const redis = createRedisClient(redisTargetOf(settings), { log: silentLogger });
  const groups: Groups = new Map();
  const bus = recordingBus(stackBus(settings), groups);
  const stores = createRedisStores(redis, { prefix, ...streamCapsOf(settings) });
  let deps: ServiceDeps = { bus, stores, config: baseConfig, clock: systemClock, log: silentLogger };
  const running = new Map<StackServiceName, Service>();
  const clients: TestClient[] = [];
  let gateway: Gateway | null = null;

  const startService = async (name: StackServiceName): Promise<void> => {
    if (running.has(name)) throw new Error(`startService: ${name} is already running`);
    const service = SERVICE_FACTORIES[name](deps);
    try {
      await service.start();
    } catch (error) {
      await service.close().catch(() => undefined);
      throw new Error(`startStack: ${name} did not start: ${String(error)}`, { cause: error });
    }
    running.set(name, service);
    deps = withBoundSentimentPort(deps, service, overrides);
    await waitForGroups(redis, prefix, groups);
  };

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closed ??= stopStack({ clients, gateway, running, bus, redis, prefix }));

  try {
    for (const name of Object.keys(SERVICE_FACTORIES) as StackServiceName[]) await startService(name);
    gateway = await startGateway(deps);
  } catch (error) {
    await close();
    throw error;
  }
  const url = `http://127.0.0.1:${gateway.port}`;
  const main = createTestClient({ url, wsUrl: `ws://127.0.0.1:${gateway.port}/trpc` });
  clients.push(main);
  await main.signIn('trader');

  return {
    prefix,
    bus,
    redis,
    config: deps.config,
    url,
    client: main.client,
    signIn: main.signIn,
    ...streamAccess(redis, prefix),
    stopService: async (name) => {
      const service = running.get(name);
      if (service === undefined) throw new Error(`stopService: ${name} is not running`);
      running.delete(name);
      await service.close();
    },
    startService,
    close,
    [Symbol.asyncDispose]: close,
  };
}
