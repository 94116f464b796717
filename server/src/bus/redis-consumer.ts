import type { StreamName } from '@gamma/shared';
import type { RedisClient } from './redis.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { iso, type Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Handler } from './bus.ts';
import type { BusCounter } from './bus-counts.ts';
import { decodeEntry, encodeMessage, errorText, type RawEntry } from './codec.ts';
import { streamKey } from '../keys/key-table.ts';
import { parseReadReply, isBusyGroupError, isNoGroupError } from './redis-replies.ts';
import { handleOwnPending, reclaimPending } from './redis-reclaim.ts';
import { dropConnection } from './redis.ts';
import { InfrastructureError } from '../errors/index.ts';

/** Everything one consumer loop needs. */
export interface ConsumerConfig {
  /** Commands: XACK, XADD to dlq, XAUTOCLAIM, XPENDING, XGROUP */
  redis: RedisClient;
  /** This consumer's own connection, used only for the blocking XREADGROUP */
  blocking: RedisClient;
  prefix: string;
  stream: StreamName;
  group: string;
  consumer: string;
  startId: '$' | '0';
  /** Entries handled at once, reads overlapping; 1 keeps stream order, one read at a time */
  concurrency: number;
  handler: Handler<StreamName>;
  maxLen: number;
  readCount: number;
  blockMs: number;
  claimIdleMs: number;
  claimIntervalMs: number;
  maxDeliveries: number;
  log: Logger;
  clock: Clock;
  /**
   * The group's handled, failed and dead-lettered counters and handler durations (per minute for the Ops page,
   * totals for `/metrics`), sent once per batch; null: not counted
   */
  counter: BusCounter | null;
}

/** Why an entry is dead-lettered, with the text and data to record. */
export interface DeadLetterCause {
  reason: 'MISSING_DATA_FIELD' | 'INVALID_JSON' | 'SCHEMA_MISMATCH' | 'HANDLER_FAILED';
  error: string;
  raw: string;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * One subscription's loop (SPEC §2): create the group, then read with `>`, decode, hand to the
 * handler and ack; dead-letter bad entries; reclaim idle pending entries at start and every
 * `claimIntervalMs`; after a reconnection, handle this consumer's own pending entries at once;
 * re-create the group at `0` on NOGROUP; back off and retry on other errors.
 */
export class StreamConsumer {
  readonly key: string;
  /** The last error of each entry whose handler threw, for its dead letter */
  readonly failures = new Map<string, string>();
  private stopped = false;
  private readonly stopping = new AbortController();
  private reading = false;
  private loop: Promise<void> = Promise.resolve();
  /** Set when the connection came back: entries delivered to this consumer may never have reached it */
  private ownPendingDue = false;
  /** Entries being handled, by id: a reclaim of one of them joins its handling instead of starting another */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** What failed in a handling the loop did not wait for (an ack that Redis refused); thrown by the loop */
  private detachedError: Error | null = null;

  constructor(readonly config: ConsumerConfig) {
    this.key = streamKey(config.prefix, config.stream);
  }

  start(): void {
    let readies = 0;
    // ioredis resends the blocked XREADGROUP after a reconnect, but a read Redis answered while the
    // connection dropped left its entries pending under this consumer with nobody handling them.
    this.config.blocking.on('ready', () => {
      readies += 1;
      if (readies > 1) this.ownPendingDue = true;
    });
    this.loop = this.run();
  }

  /**
   * Stops reading; an in-flight batch finishes and is acked; a blocked read is cut off. While the
   * command connection is down, it does not wait for the loop, which ends once Redis answers again
   * or the bus closes that connection.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    // A blocked XREADGROUP has delivered nothing yet: dropping the connection loses nothing.
    if (this.reading || this.config.blocking.status !== 'ready') dropConnection(this.config.blocking);
    if (this.config.redis.status === 'ready') await this.loop;
    dropConnection(this.config.blocking);
  }

  /** Resolves when the loop has ended. */
  get ended(): Promise<void> {
    return this.loop;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private async run(): Promise<void> {
    const { log } = this.config;
    let startId = this.config.startId;
    let groupReady = false;
    let nextReclaimAt = 0;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!groupReady) groupReady = await this.createGroup(startId);
        if (this.ownPendingDue) {
          this.ownPendingDue = false;
          await handleOwnPending(this);
        }
        if (Date.now() >= nextReclaimAt) {
          await reclaimPending(this);
          nextReclaimAt = Date.now() + this.config.claimIntervalMs;
        }
        if (this.config.concurrency > 1) await this.admit(await this.read(this.room()));
        else await this.handleAll(await this.read(this.config.readCount));
        this.throwDetached();
        // One pipeline for the batch's (and the reclaim round's) handled and failed counts
        await this.flushCounts();
        failures = 0;
      } catch (error) {
        if (this.stopped) break;
        if (isNoGroupError(error)) {
          // Redis restarted or the stream was deleted: start the new group at 0 so nothing is skipped.
          log.warn('consumer group missing; re-creating it at 0', { error: errorText(error) });
          startId = '0';
          groupReady = false;
          continue;
        }
        failures += 1;
        const delayMs = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 6));
        log.error('bus consumer error; retrying', { error: errorText(error), retry_in_ms: delayMs });
        await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
    // Entries still being handled finish and are acked before the loop ends
    await Promise.all(this.inFlight.values());
    // A read cut off by stop() skipped the flush of what the reclaim round before it counted
    if (this.config.redis.status === 'ready') await this.flushCounts();
  }

  private async createGroup(startId: '$' | '0'): Promise<true> {
    try {
      await this.config.redis.xgroup('CREATE', this.key, this.config.group, startId, 'MKSTREAM');
    } catch (error) {
      if (!isBusyGroupError(error)) throw error;
    }
    // Listed in XINFO CONSUMERS from the start (Redis 7.0 creates it only on its first delivery).
    await this.config.redis.xgroup('CREATECONSUMER', this.key, this.config.group, this.config.consumer);
    return true;
  }

  private async read(count: number): Promise<RawEntry[]> {
    const { blocking, group, consumer, blockMs } = this.config;
    this.reading = true;
    try {
      const args = ['GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.key, '>'];
      return parseReadReply(await blocking.call('XREADGROUP', ...args), 'XREADGROUP');
    } finally {
      this.reading = false;
    }
  }

  /** Concurrency 1: the entries of a read one after another, in stream order. */
  private async handleAll(entries: RawEntry[]): Promise<void> {
    for (const entry of entries) {
      // Stopping: the rest of the read stays pending, for this group's next reader (XAUTOCLAIM)
      if (this.stopped) return;
      await this.handle(entry);
    }
  }

  /** How many entries the next read may bring: the room left under `concurrency`, at most `readCount`. */
  private room(): number {
    return Math.max(1, Math.min(this.config.readCount, this.config.concurrency - this.inFlight.size));
  }

  /**
   * Concurrency above 1: starts every entry of a read and returns while they run, once fewer than
   * `concurrency` are in flight, so the next read overlaps their handling (a batch's Redis replies no
   * longer leave the process idle before the next read).
   */
  private async admit(entries: RawEntry[]): Promise<void> {
    for (const entry of entries) {
      // Stopping: the rest of the read stays pending, for this group's next reader (XAUTOCLAIM)
      if (this.stopped) return;
      void this.handle(entry).catch((error: unknown) => {
        this.detachedError ??= error instanceof Error ? error : new InfrastructureError(errorText(error));
      });
    }
    while (this.inFlight.size >= this.config.concurrency) await Promise.race(this.inFlight.values());
  }

  private throwDetached(): void {
    const error = this.detachedError;
    this.detachedError = null;
    if (error !== null) throw error;
  }

  /**
   * Decodes and handles one entry; acks it on success, dead-letters it when it cannot be decoded. An
   * entry already being handled here (reclaimed while its handler runs) is not handled a second time.
   */
  handle(entry: RawEntry): Promise<void> {
    const running = this.inFlight.get(entry.id);
    if (running) return running;
    const handling = this.handleOnce(entry).finally(() => this.inFlight.delete(entry.id));
    this.inFlight.set(
      entry.id,
      handling.catch(() => undefined),
    );
    return handling;
  }

  private async handleOnce(entry: RawEntry): Promise<void> {
    const { clock, stream, handler, log } = this.config;
    const decoded = decodeEntry(stream, entry.fields, clock.now());
    if (!decoded.ok) return this.deadLetter(entry.id, decoded);
    const startedAt = performance.now();
    try {
      await handler(decoded.message, { id: entry.id });
    } catch (error) {
      this.failures.set(entry.id, errorText(error));
      log.warn('handler failed; entry left pending', { entry_id: entry.id, error: errorText(error) });
      this.config.counter?.count('failed', performance.now() - startedAt);
      return;
    }
    const handlerMs = performance.now() - startedAt;
    await this.config.redis.xack(this.key, this.config.group, entry.id);
    this.config.counter?.count('handled', handlerMs);
    this.failures.delete(entry.id);
  }

  /** Sends the counts of the entries handled since the last call; a counter that cannot be written is only logged. */
  private async flushCounts(): Promise<void> {
    const { counter, redis, clock, log } = this.config;
    try {
      await counter?.flush(redis, clock.now());
    } catch (error) {
      log.warn('bus counters not written', { error: errorText(error) });
    }
  }

  /**
   * Appends a DeadLetterEvent to `<prefix>:dlq` and acks the entry, atomically on one Redis. On a Redis Cluster
   * the two streams sit in different slots (their names are the wire contract), so it appends, then acks: a
   * crash between the two leaves the entry pending, and its redelivery may dead-letter it a second time.
   */
  async deadLetter(entryId: string, cause: DeadLetterCause): Promise<void> {
    const { redis, prefix, stream, group, maxLen, clock, log } = this.config;
    const data = encodeMessage('dlq', {
      source_stream: stream,
      source_entry_id: entryId,
      group,
      reason: cause.reason,
      error: cause.error,
      raw: cause.raw,
      timestamp: iso(clock.now()),
      metadata: {},
    });
    log.warn('entry dead-lettered', { entry_id: entryId, reason: cause.reason, error: cause.error });
    const dlq = streamKey(prefix, 'dlq');
    if (redis.isCluster) {
      await redis.xadd(dlq, 'MAXLEN', '~', maxLen, '*', 'data', data);
      await redis.xack(this.key, group, entryId);
    } else {
      await redis
        .multi()
        .xadd(dlq, 'MAXLEN', '~', maxLen, '*', 'data', data)
        .xack(this.key, group, entryId)
        .exec();
    }
    this.config.counter?.count('dead_lettered');
    this.failures.delete(entryId);
  }
}
