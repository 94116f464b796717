import type { StreamInput, StreamMessage, StreamName } from '@gamma/shared';
import type { TRPCClient } from '@trpc/client';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import { SERVICE_FACTORIES } from '../app/service-registry.ts';
import type { Bus, Entry } from '../bus/bus.ts';
import { decodeEntry } from '../bus/codec.ts';
import { streamKey } from '../keys/key-table.ts';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig, type AppConfig } from '../config/app-config.ts';
import { startGateway, type Gateway } from '../gateway.ts';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { MarketSimulatorService } from '../services/market-simulator/market-simulator.ts';
import type { Service, ServiceDeps } from '../services/service.ts';
import type { AppRouter } from '../trpc/routers/app-router.ts';
import { deleteKeys } from './delete-keys.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import { TEST_REDIS_URL } from './redis-url.ts';
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

/** How long {@link startStack} waits for every consumer group to exist. */
const GROUPS_READY_MS = 10_000;

/** The whole system in this process on a fresh `test-<uuid>` prefix of the real Redis. */
export interface Stack extends AsyncDisposable {
  prefix: string;
  /** The bus every service uses (publishes are validated) */
  bus: Bus;
  /** A command connection for assertions on keys */
  redis: Redis;
  /** The configuration of the services, sentiment URLs resolved to the simulator's bound port */
  config: AppConfig;
  /** Gateway base URL, e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Typed tRPC client of the gateway (HTTP + WebSocket) */
  client: TRPCClient<AppRouter>;
  /** Sets the `x-gamma-user` header of the default client (undefined = `DEFAULT_TRADER_ID`) */
  setUser(user: string | undefined): void;
  /**
   * Appends an entry the way an external producer does: an object is written as raw JSON in the
   * `data` field, unvalidated; a string array is written as the entry's field/value pairs verbatim.
   */
  xadd(name: StreamName, entry: object | readonly string[]): Promise<string>;
  /** The decodable messages of a stream, oldest first (undecodable entries are left out). */
  read<TName extends StreamName>(name: TName): Promise<StreamMessage<TName>[]>;
  /** The decodable entries of a stream with their ids, oldest first. */
  entries<TName extends StreamName>(name: TName): Promise<Entry<TName>[]>;
  /** Pending and lag (undelivered entries) of a consumer group; null when the group does not exist. */
  groupState(name: StreamName, group: string): Promise<{ pending: number; lag: number | null } | null>;
  /** Closes one service (its consumer groups stay in Redis); throws if it is not running. */
  stopService(name: StackServiceName): Promise<void>;
  /** Starts a new instance of a stopped service with the same deps, hence the same groups. */
  startService(name: StackServiceName): Promise<void>;
  /** Closes the gateway, the services and the bus, then deletes `<prefix>:*`. Idempotent. */
  close(): Promise<void>;
}

type Groups = Map<string, { name: StreamName; group: string }>;

/** The bus, remembering each (stream, group) subscribed so the stack can wait for the groups. */
const recordingBus = (inner: RedisStreamsBus, groups: Groups): Bus => ({
  prefix: inner.prefix,
  publish: (name, message) => inner.publish(name, message),
  // eslint-disable-next-line max-params -- the Bus interface fixes this signature
  subscribe: (name, group, handler, options) => {
    groups.set(`${name}|${group}`, { name, group });
    return inner.subscribe(name, group, handler, options);
  },
  tail: (name, options) => inner.tail(name, options),
  latest: (name, count) => inner.latest(name, count),
  close: () => inner.close(),
});

/** The XINFO GROUPS fields of one group of a stream, or undefined when either is missing. */
async function groupFields(redis: Redis, key: string, group: string): Promise<unknown[] | undefined> {
  const info = (await redis.xinfo('GROUPS', key).catch(() => [])) as unknown[][];
  return info.find((fields) => fields[1] === group);
}

/** Resolves once every subscribed group exists in Redis (XGROUP CREATE runs in each consumer's loop). */
async function waitForGroups(redis: Redis, prefix: string, groups: Groups): Promise<void> {
  const deadline = Date.now() + GROUPS_READY_MS;
  for (;;) {
    const missing: string[] = [];
    for (const { name, group } of groups.values()) {
      if (!(await groupFields(redis, streamKey(prefix, name), group))) missing.push(`${name}/${group}`);
    }
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `startStack: consumer groups not created within ${GROUPS_READY_MS} ms: ${missing.join(', ')}`,
      );
    }
    await delay(20);
  }
}

/** Raw writes and decoded reads of the prefix's streams, for producers and assertions. */
function streamAccess(redis: Redis, prefix: string): Pick<Stack, 'xadd' | 'read' | 'entries' | 'groupState'> {
  const entries = async <TName extends StreamName>(name: TName): Promise<Entry<TName>[]> => {
    const raw = await redis.xrange(streamKey(prefix, name), '-', '+');
    return raw.flatMap(([id, fields]) => {
      const decoded = decodeEntry(name, fields, Date.now());
      return decoded.ok ? [{ id, stream: name, message: decoded.message }] : [];
    });
  };
  return {
    xadd: async (name, entry) => {
      const fields = Array.isArray(entry)
        ? [...(entry as readonly string[])]
        : ['data', JSON.stringify(entry)];
      const id = await redis.xadd(streamKey(prefix, name), '*', ...fields);
      if (id === null) throw new Error(`XADD to ${name} returned no id`);
      return id;
    },
    read: async (name) => (await entries(name)).map((e) => e.message),
    entries,
    groupState: async (name, group) => {
      const fields = await groupFields(redis, streamKey(prefix, name), group);
      if (fields === undefined) return null;
      const field = (key: string): unknown => fields[fields.indexOf(key) + 1];
      const lag = field('lag');
      return { pending: Number(field('pending')), lag: typeof lag === 'number' ? lag : null };
    },
  };
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
    LOG_LEVEL: 'silent',
    // The audit recorder: an in-memory PGlite, never the repository's data folder or a real database
    DATA_DIR: 'memory://',
    DATABASE_URL: '',
    ...overrides,
  });

/** The stack's Redis Streams bus, with the process settings of its configuration. */
function stackBus(config: AppConfig): RedisStreamsBus {
  const settings = config.process;
  return createRedisStreamsBus({
    url: settings.redisUrl,
    prefix: settings.streamPrefix,
    maxLen: settings.streamMaxLen,
    readCount: settings.busReadCount,
    blockMs: settings.busBlockMs,
    claimIdleMs: settings.busClaimIdleMs,
    maxDeliveries: settings.busMaxDeliveries,
    log: silentLogger,
    clock: systemClock,
  });
}

/**
 * SIM_SENTIMENT_PORT 0 binds any free port: once the simulator runs, the risk service started after it
 * reads sentiment from the port actually bound.
 */
function withBoundSentimentPort(deps: ServiceDeps, service: Service): ServiceDeps {
  if (!(service instanceof MarketSimulatorService)) return deps;
  const port = service.sentimentPort;
  const sentimentUrls = port === null ? [] : [`http://127.0.0.1:${port}`];
  const riskService = { ...deps.config.riskService, sentimentUrls };
  return { ...deps, config: { ...deps.config, riskService } };
}

/** Closes clients, the gateway, then the services in reverse start order and the bus; deletes the keys. */
async function stopStack(parts: {
  clients: TestClient[];
  gateway: Gateway | null;
  running: Map<StackServiceName, Service>;
  bus: Bus;
  redis: Redis;
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
  const redis = createRedis(settings.redisUrl, { log: silentLogger });
  const groups: Groups = new Map();
  const bus = recordingBus(stackBus(baseConfig), groups);
  const stores = createRedisStores(redis, { prefix, maxLen: settings.streamMaxLen });
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
    if (overrides.SENTIMENT_API_URLS === undefined) deps = withBoundSentimentPort(deps, service);
    await waitForGroups(redis, prefix, groups);
  };

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= stopStack({ clients, gateway, running, bus, redis, prefix });
    return closed;
  };

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

  return {
    prefix,
    bus,
    redis,
    config: deps.config,
    url,
    client: main.client,
    setUser: main.setUser,
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
