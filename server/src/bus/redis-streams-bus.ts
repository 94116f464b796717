import type { StreamInput, StreamName } from '@gamma/shared';
import { hostname } from 'node:os';
import { systemClock, type Clock } from '../lib/clock.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import type { Bus, Entry, Handler, SubscribeOptions, Subscription, TailOptions } from './bus.ts';
import { BusCounter } from './bus-counts.ts';
import { decodeEntry, encodeMessage } from './codec.ts';
import { streamKey } from '../keys/key-table.ts';
import {
  createRedisClient,
  dropConnection,
  duplicateClient,
  logConnectionErrors,
  type RedisClient,
} from './redis.ts';
import { StreamConsumer } from './redis-consumer.ts';
import { parseEntries } from './redis-replies.ts';
import { readStreamInfo, type StreamInfo } from './redis-stream-info.ts';
import { tailStream } from './redis-tail.ts';
import { StreamReaders } from './stream-reader.ts';
import { maxLenOf, type StreamMaxLens } from './stream-caps.ts';
import { InfrastructureError } from '../errors/index.ts';
import { assertBusOpen } from './closed-bus.ts';

/** Options of the Redis Streams bus; defaults are those of SPEC §11. */
export interface RedisStreamsBusOptions {
  url: string;
  /** `host:port` of Redis Cluster nodes (`REDIS_CLUSTER_NODES`); when given, the bus uses the cluster, not `url` */
  clusterNodes?: readonly string[];
  /** Stream key prefix (`STREAM_PREFIX`) */
  prefix: string;
  /** `XADD … MAXLEN ~ maxLen` (`STREAM_MAXLEN`, default 100 000) */
  maxLen?: number;
  /** Streams trimmed at their own, smaller `MAXLEN ~` (`STREAM_MAXLEN_VOL_SURFACE`); the rest at `maxLen` */
  streamMaxLens?: StreamMaxLens;
  /** Entries per read (`BUS_READ_COUNT`, default 100) */
  readCount?: number;
  /** How long a read blocks (`BUS_BLOCK_MS`, default 1000) */
  blockMs?: number;
  /** Pending entries idle this long are reclaimed (`BUS_CLAIM_IDLE_MS`, default 30 000) */
  claimIdleMs?: number;
  /** How often a consumer reclaims (default 15 000, SPEC §2); tests shorten it */
  claimIntervalMs?: number;
  /** Deliveries before HANDLER_FAILED (`BUS_MAX_DELIVERIES`, default 5) */
  maxDeliveries?: number;
  log?: Logger;
  clock?: Clock;
  /** Consumer name base; default `<group>-<hostname>-<pid>` */
  consumerName?: string;
  /**
   * Count each group's handled and failed entries per minute in Redis (`<prefix>:bus_counts:<minute>`, read by
   * `monitoring.streams`); default true
   */
  countThroughput?: boolean;
  /** Aborted when the process stops: connections that lose Redis from then on give up (see createRedis) */
  giveUpWhen?: AbortSignal;
}

/**
 * The bus over Redis Streams (SPEC §2). One command connection for publishing, acks, reclaim and tail
 * backfills; one blocking connection per subscription; one per stream for all its tails (a shared reader).
 */
export class RedisStreamsBus implements Bus {
  readonly prefix: string;
  /** The command connection (publish, ack, reclaim, dead letters) */
  readonly redis: RedisClient;
  private readonly settings: Required<
    Omit<
      RedisStreamsBusOptions,
      'consumerName' | 'url' | 'clusterNodes' | 'prefix' | 'giveUpWhen' | 'countThroughput' | 'streamMaxLens'
    >
  >;
  private readonly streamMaxLens: StreamMaxLens;
  private readonly consumerName: string | undefined;
  private readonly countThroughput: boolean;
  private readonly consumers = new Set<StreamConsumer>();
  private readonly consumerCounts = new Map<string, number>();
  private readonly closing = new AbortController();
  /** One blocking reader per tailed stream, shared by every tail of it in this process */
  private readonly readers: StreamReaders;

  constructor(options: RedisStreamsBusOptions) {
    this.prefix = options.prefix;
    const log = options.log ?? createLogger('info', { component: 'bus' });
    this.settings = {
      maxLen: options.maxLen ?? 100_000,
      readCount: options.readCount ?? 100,
      blockMs: options.blockMs ?? 1_000,
      claimIdleMs: options.claimIdleMs ?? 30_000,
      claimIntervalMs: options.claimIntervalMs ?? 15_000,
      maxDeliveries: options.maxDeliveries ?? 5,
      log,
      clock: options.clock ?? systemClock,
    };
    this.streamMaxLens = options.streamMaxLens ?? {};
    this.consumerName = options.consumerName;
    this.countThroughput = options.countThroughput ?? true;
    const giveUpWhen = options.giveUpWhen
      ? AbortSignal.any([options.giveUpWhen, this.closing.signal])
      : this.closing.signal;
    this.redis = createRedisClient(
      { url: options.url, ...(options.clusterNodes ? { clusterNodes: options.clusterNodes } : {}) },
      { log, giveUpWhen },
    );
    const { readCount, blockMs, clock } = this.settings;
    const readerDeps = { redis: this.redis, prefix: this.prefix, readCount, blockMs, log, clock };
    this.readers = new StreamReaders(readerDeps, this.closing.signal);
  }

  async publish<TName extends StreamName>(name: TName, message: StreamInput<TName>): Promise<string> {
    assertBusOpen(this.closing.signal, 'publish to', name);
    const data = encodeMessage(name, message);
    const key = streamKey(this.prefix, name);
    const maxLen = maxLenOf({ maxLen: this.settings.maxLen, streamMaxLens: this.streamMaxLens }, name);
    const id = await this.redis.xadd(key, 'MAXLEN', '~', maxLen, '*', 'data', data);
    if (id === null) throw new InfrastructureError(`XADD to ${key} returned no id`);
    return id;
  }

  // eslint-disable-next-line max-params -- the Bus interface fixes this signature
  subscribe<TName extends StreamName>(
    name: TName,
    group: string,
    handler: Handler<TName>,
    options: SubscribeOptions = {},
  ): Subscription {
    assertBusOpen(this.closing.signal, 'subscribe to', name);
    const log = this.settings.log.child({ stream: name, group });
    const consumerName = this.nextConsumerName(name, group);
    const blocking = duplicateClient(this.redis, consumerName);
    logConnectionErrors(blocking, log);
    const consumer = new StreamConsumer({
      ...this.settings,
      redis: this.redis,
      blocking,
      prefix: this.prefix,
      stream: name,
      group,
      consumer: consumerName,
      startId: options.startId ?? '$',
      concurrency: options.concurrency ?? 1,
      handler: handler as Handler<StreamName>,
      log,
      counter: this.countThroughput ? new BusCounter(name, group, this.prefix) : null,
    });
    this.consumers.add(consumer);
    consumer.start();
    return {
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
    };
  }

  tail<TName extends StreamName>(name: TName, options: TailOptions): AsyncIterable<Entry<TName>> {
    const { readCount, blockMs, log, clock } = this.settings;
    const deps = { redis: this.redis, prefix: this.prefix, readCount, blockMs, log, clock };
    return tailStream({ ...deps, readers: this.readers, closing: this.closing.signal }, name, options);
  }

  async latest<TName extends StreamName>(name: TName, count: number): Promise<Entry<TName>[]> {
    if (count <= 0) return [];
    const reply = await this.redis.call('XREVRANGE', streamKey(this.prefix, name), '+', '-', 'COUNT', count);
    return parseEntries(reply, 'XREVRANGE').flatMap((entry) => {
      if (entry.fields === null) return [];
      const decoded = decodeEntry(name, entry.fields, this.settings.clock.now());
      return decoded.ok ? [{ id: entry.id, stream: name, message: decoded.message }] : [];
    });
  }

  /** How many streams have a shared tail reader (one connection each) now. */
  get tailReaders(): number {
    return this.readers.size;
  }

  /** Length and consumer groups (pending, lag) of a stream, for monitoring. */
  streamInfo(name: StreamName): Promise<StreamInfo> {
    return readStreamInfo(this.redis, streamKey(this.prefix, name));
  }

  async close(): Promise<void> {
    this.closing.abort();
    const consumers = [...this.consumers];
    this.consumers.clear();
    const ready = this.redis.status === 'ready';
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    if (ready) {
      await this.redis.quit().catch(() => undefined);
      return;
    }
    // Redis is away: fail the commands queued for it (loops, publishes) instead of waiting forever.
    dropConnection(this.redis);
    await Promise.all(consumers.map((consumer) => consumer.ended));
  }

  // Several subscriptions of one group in a process need distinct consumer names.
  private nextConsumerName(name: StreamName, group: string): string {
    const base = this.consumerName ?? `${group}-${hostname()}-${process.pid}`;
    const key = JSON.stringify([name, group, base]);
    const count = (this.consumerCounts.get(key) ?? 0) + 1;
    this.consumerCounts.set(key, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}

/** Creates the Redis Streams bus; it connects at once and retries in the background if Redis is away. */
export const createRedisStreamsBus = (options: RedisStreamsBusOptions): RedisStreamsBus =>
  new RedisStreamsBus(options);
