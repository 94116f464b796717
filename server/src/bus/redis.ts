import { Cluster, Redis } from 'ioredis';
import { createLogger, type Logger } from '../lib/logger.ts';
import { InfrastructureError } from '../errors/index.ts';
import { errorText } from './codec.ts';

/**
 * A connection to one Redis server or to a Redis Cluster (`REDIS_CLUSTER_NODES`). Both run the same commands;
 * on a cluster each command (each script, each transaction) may touch the keys of one slot only, which the key
 * table's hash tags guarantee (`keys/key-table.ts`).
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is: a server URL, or the seed nodes of a cluster (which then wins). */
export interface RedisTarget {
  /** `redis://host:port/db` of a single server */
  url: string;
  /** `host:port` of some nodes of a Redis Cluster; empty or absent: the server at `url` */
  clusterNodes?: readonly string[];
}

/** Options of a Redis connection. */
export interface CreateRedisOptions {
  /** Where connection errors are reported; default a `warn` logger on stderr */
  log?: Logger;
  /** Names the connection in logs and `CLIENT LIST` */
  connectionName?: string;
  /**
   * Once aborted (the process is stopping), a connection that loses Redis stops reconnecting and fails
   * its queued commands, so a stop with Redis gone does not wait for it; a connection that is up stays up.
   */
  giveUpWhen?: AbortSignal;
}

/**
 * Reports connection errors without crashing: an `error` listener is always attached (ioredis
 * would otherwise throw an unhandled `error` event), and a repeated error is logged once until the
 * connection is ready again, so an unreachable Redis does not flood the log while ioredis retries.
 */
export function logConnectionErrors(redis: RedisClient, log: Logger): void {
  let lastError: string | null = null;
  redis.on('error', (error: unknown) => {
    const text = errorText(error);
    if (text === lastError) return;
    lastError = text;
    log.warn('redis connection error; retrying', { error: text });
  });
  redis.on('ready', () => {
    if (lastError !== null) log.info('redis connection ready again');
    lastError = null;
  });
}

/** Longest pause between two reconnection attempts while Redis is away (ioredis: 2 s). */
export const RECONNECT_MAX_DELAY_MS = 500;
/** Longest pause between two ready checks while Redis loads its data (ioredis: up to 10 s). */
export const LOADING_RETRY_MS = 200;

/**
 * A Redis connection (ioredis) that retries forever: `maxRetriesPerRequest: null` keeps commands,
 * blocking reads included, queued while Redis is away instead of failing them after a few retries.
 * Reconnection attempts are at most {@link RECONNECT_MAX_DELAY_MS} apart and a Redis loading its AOF is
 * asked every {@link LOADING_RETRY_MS} whether it is done (ioredis would otherwise wait up to the load's
 * estimated time, capped at 10 s), so work resumes within a fraction of a second of Redis being back.
 * `duplicate()` keeps these options. After `giveUpWhen` is aborted, a lost connection is not retried: its
 * queued commands fail with "Connection is closed" (ioredis's `disconnect()` cannot do that while it
 * waits to reconnect).
 */
export function createRedis(url: string, options: CreateRedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) =>
      options.giveUpWhen?.aborted ? null : Math.min(attempt * 50, RECONNECT_MAX_DELAY_MS),
    maxLoadingRetryTime: LOADING_RETRY_MS,
    // Commands issued in one event-loop turn go out in one write: a batch of handlers costs a few
    // syscalls instead of one per command (the socket write was the engine's largest CPU cost)
    enableAutoPipelining: true,
    ...(options.connectionName ? { connectionName: options.connectionName } : {}),
  });
  logConnectionErrors(redis, options.log ?? createLogger('warn', { component: 'redis' }));
  return redis;
}

/**
 * Drops a connection now, failing its pending commands. While ioredis waits to reconnect, its
 * `disconnect()` would cancel the next attempt and leave the queued commands pending forever
 * (redis/ioredis#2169), so a connection in that state is left to its retry strategy, which ends it and
 * fails them once `giveUpWhen` is aborted.
 */
export function dropConnection(redis: RedisClient): void {
  if (redis.status !== 'reconnecting') redis.disconnect();
}

/** `host:port` → the seed node ioredis' Cluster expects. */
export function parseClusterNode(text: string): { host: string; port: number } {
  const cut = text.lastIndexOf(':');
  const port = Number(text.slice(cut + 1));
  if (cut <= 0 || !Number.isInteger(port) || port < 1 || port > 65_535)
    throw new InfrastructureError(`not a cluster node (host:port): ${text}`);
  return { host: text.slice(0, cut), port };
}

/**
 * A Redis Cluster client with the same behaviour as {@link createRedis}: commands wait (never fail after a
 * few retries) while the cluster is away, and stop waiting once `giveUpWhen` is aborted. Reads go to the
 * masters (`scaleReads: 'master'`: a replica may lag, and the bus reads its own writes); the ready check
 * waits for `cluster_state:ok`. Each command is routed by its key's slot, blocking reads included, and a
 * script is loaded on each node the first time it runs there (EVALSHA, then EVAL on NOSCRIPT). No
 * auto-pipelining: ioredis batches a command whose key it cannot locate (XINFO, XGROUP) by its first
 * argument (`GROUPS`), so the XINFO of several streams sent at once (the Ops page) would share a batch sent
 * to one node and come back MOVED (measured on a 3-master cluster: 5 of 6 failed).
 */
export function createCluster(nodes: readonly string[], options: CreateRedisOptions = {}): Cluster {
  const cluster = new Cluster(nodes.map(parseClusterNode), {
    enableReadyCheck: true,
    scaleReads: 'master',
    clusterRetryStrategy: () => (options.giveUpWhen?.aborted ? null : RECONNECT_MAX_DELAY_MS),
    redisOptions: {
      maxRetriesPerRequest: null,
      maxLoadingRetryTime: LOADING_RETRY_MS,
      ...(options.connectionName ? { connectionName: options.connectionName } : {}),
    },
  });
  logConnectionErrors(cluster, options.log ?? createLogger('warn', { component: 'redis' }));
  return cluster;
}

/** A connection to `target`: the cluster when it names nodes, else the server at its URL. */
export function createRedisClient(target: RedisTarget, options: CreateRedisOptions = {}): RedisClient {
  const nodes = target.clusterNodes ?? [];
  return nodes.length > 0 ? createCluster(nodes, options) : createRedis(target.url, options);
}

/**
 * A new connection with the same settings (a blocking read needs its own); `connectionName` names it in
 * `CLIENT LIST` (on a cluster, on every node it connects to).
 */
export function duplicateClient(redis: RedisClient, connectionName?: string): RedisClient {
  if (!(redis instanceof Cluster)) return redis.duplicate(connectionName ? { connectionName } : {});
  if (!connectionName) return redis.duplicate();
  return redis.duplicate([], { redisOptions: { ...redis.options.redisOptions, connectionName } });
}
