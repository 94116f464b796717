import { hostname } from 'node:os';
import { ServiceHeartbeats } from './app/service-heartbeats.ts';
import { selectServices, SERVICE_FACTORIES } from './app/service-registry.ts';
import { createRedisClient } from './bus/redis.ts';
import { createRedisStreamsBus } from './bus/redis-streams-bus.ts';
import { retireGroups } from './bus/retired-groups.ts';
import { describeProblems, validateConfig } from './config/app-config.ts';
import { processEnvironment } from './config/env.ts';
import { busSettingsOf, redisTargetOf, streamCapsOf } from './config/process-config.ts';
import { InfrastructureError } from './errors/index.ts';
import { startGateway, type Gateway } from './gateway.ts';
import { errorText } from './bus/codec.ts';
import { closeWithin } from './lib/close-within.ts';
import { systemClock } from './lib/clock.ts';
import { createLogger } from './lib/logger.ts';
import type { Service } from './services/service.ts';
import { createRedisStores } from './stores/redis-stores.ts';

// env → configs → Redis → bus and stores → services → HTTP/WS. A bad setting stops here, before any connection,
// with one message naming every bad or unknown variable.
const validated = validateConfig(processEnvironment());
if (!validated.ok) {
  process.stderr.write(`${describeProblems(validated.problems)}\n`);
  process.exit(1);
}
const config = validated.value;
const settings = config.process;
const log = createLogger(settings.logLevel, { pid: process.pid });
const names = selectServices(settings.services);
// Aborted when stopping: a connection that has lost Redis then fails its commands instead of retrying forever
const stopRequested = new AbortController();
const giveUpWhen = stopRequested.signal;
const redis = createRedisClient(redisTargetOf(settings), {
  log,
  connectionName: `gamma-${hostname()}-${process.pid}`,
  giveUpWhen,
});
const bus = createRedisStreamsBus({ ...busSettingsOf(settings), log, clock: systemClock, giveUpWhen });
const stores = createRedisStores(redis, { prefix: settings.streamPrefix, ...streamCapsOf(settings) });
const deps = { bus, stores, config, clock: systemClock, log };
// Each service's heartbeat and last activity (monitoring.services), written for every service this process hosts
const heartbeats = new ServiceHeartbeats({ stores, clock: systemClock, log });
const services: Service[] = [];
let gateway: Gateway | null = null;

/** Where Redis is, for logs and errors: the cluster's seed nodes, or the server's URL. */
const redisWhere =
  settings.redisClusterNodes.length > 0
    ? `cluster ${settings.redisClusterNodes.join(',')}`
    : settings.redisUrl;

// ioredis queues commands while it reconnects, so an absent Redis would otherwise hang startup silently
async function pingWithin(ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new InfrastructureError(`Redis at ${redisWhere} did not answer within ${ms} ms`)),
      ms,
    );
  });
  try {
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function start(): Promise<void> {
  await pingWithin(10_000);
  // Groups earlier versions split market data in would otherwise read as a growing lag (README, "Scaling")
  const retired = await retireGroups(redis, settings.streamPrefix);
  if (retired > 0) log.info('retired consumer groups no process reads any more', { groups: retired });
  for (const name of names) {
    if (name === 'gateway') continue;
    const service = SERVICE_FACTORIES[name]({ ...deps, bus: heartbeats.track(name, bus) });
    await service.start();
    services.push(service);
    await heartbeats.started(name);
    log.info('service started', { service: name });
  }
  if (names.includes('gateway')) {
    gateway = await startGateway({ ...deps, bus: heartbeats.track('gateway', bus) });
    await heartbeats.started('gateway');
    process.stdout.write(`\nGamma console: http://${settings.host}:${gateway.port}\n\n`);
  }
  log.info('gamma running', { services: names, prefix: settings.streamPrefix, redis: redisWhere });
}

let stopping = false;
/**
 * Closes the gateway, then the services, then the bus, all within `STOP_TIMEOUT_MS`: past it (a Redis that
 * vanished leaves commands queued forever) the process logs what did not close and exits with code 1.
 */
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  stopRequested.abort();
  log.info('stopping', { signal, redis: redis.status, timeout_ms: settings.stopTimeoutMs });
  const outcome = await closeWithin(
    [
      gateway === null ? [] : [{ name: 'gateway', close: () => gateway?.close() ?? Promise.resolve() }],
      [...services].reverse().map((service) => ({ name: service.name, close: () => service.close() })),
      [{ name: 'heartbeats', close: () => heartbeats.close() }],
      [{ name: 'bus', close: () => bus.close() }],
    ],
    settings.stopTimeoutMs,
  );
  redis.disconnect();
  if (outcome.kind === 'timed-out') {
    const { stillClosing, notStarted } = outcome;
    log.error('stop timed out; exiting', {
      timeout_ms: settings.stopTimeoutMs,
      still_closing: stillClosing,
      not_started: notStarted,
    });
    process.exit(1);
  }
  for (const { name, error } of outcome.failures)
    log.warn('closing failed', { part: name, error: errorText(error) });
  process.exit(0);
}

process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
start().catch((error: unknown) => {
  log.error('startup failed', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
