import type { StreamName } from '@gamma/shared';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Entry } from './bus.ts';
import { decodeEntry, errorText } from './codec.ts';
import { streamKey } from '../keys/key-table.ts';
import { dropConnection, duplicateClient, logConnectionErrors, type RedisClient } from './redis.ts';
import { parseEntries, parseReadReply } from './redis-replies.ts';

/** What a stream reader needs from its bus. */
export interface ReaderDeps {
  /** The bus' command connection: asks the newest id; each reader duplicates it once for its blocking reads */
  redis: RedisClient;
  prefix: string;
  readCount: number;
  blockMs: number;
  log: Logger;
  clock: Clock;
}

/** Receives the live entries of a reader, in stream order. */
export interface ReaderListener<TName extends StreamName> {
  push(entry: Entry<TName>): void;
}

const MAX_BACKOFF_MS = 5_000;

/** The connection name of a stream's shared reader, as `CLIENT LIST` shows it. */
export const readerConnectionName = (prefix: string, name: StreamName): string => `tail:${prefix}:${name}`;

/** Resolves with `promise` or when `signal` aborts, whichever comes first (no listener left behind). */
async function untilEither(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  let onAbort = (): void => undefined;
  const aborted = new Promise<void>((resolve) => (onAbort = resolve));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The newest entry id of a stream, `0-0` when it is empty. */
export async function newestId(redis: RedisClient, key: string): Promise<string> {
  const [newest] = parseEntries(await redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1), 'XREVRANGE');
  return newest?.id ?? '0-0';
}

/**
 * One blocking `XREAD` loop per stream, shared by every tail of that stream in the process: it reads
 * from the newest id at its start, decodes each entry once and hands it to every attached listener.
 * A listener attached at `position` receives exactly the entries after it; what came before is its own
 * backfill (see redis-tail.ts). Its connection (named by {@link readerConnectionName}) lives as long as
 * the reader: the readers' registry stops it when its last tail leaves.
 */
export class StreamReader<TName extends StreamName> {
  private readonly listeners = new Set<ReaderListener<TName>>();
  private readonly stopping = new AbortController();
  private readonly connection: RedisClient;
  private readonly key: string;
  /** The last id read (the newest at start); null until Redis told it */
  private lastId: string | null = null;
  /** Resolves once the position is known, or the reader stopped */
  private readonly started: Promise<void>;
  private markStarted: () => void = () => undefined;
  /** How many tails use this reader (kept by the registry) */
  users = 0;

  constructor(
    private readonly deps: ReaderDeps,
    readonly name: TName,
  ) {
    this.key = streamKey(deps.prefix, name);
    this.connection = duplicateClient(deps.redis, readerConnectionName(deps.prefix, name));
    logConnectionErrors(this.connection, deps.log);
    this.started = new Promise<void>((resolve) => (this.markStarted = resolve));
    void this.run();
  }

  /**
   * Attaches a listener once the reader knows where it stands; returns the id after which the listener
   * gets every entry, or null when the reader or `signal` stopped first.
   */
  async attach(listener: ReaderListener<TName>, signal: AbortSignal): Promise<string | null> {
    if (this.lastId === null) await untilEither(this.started, signal);
    if (signal.aborted || this.stopping.signal.aborted || this.lastId === null) return null;
    // Synchronous with the read loop's hand-out: every entry after this id reaches the listener
    this.listeners.add(listener);
    return this.lastId;
  }

  detach(listener: ReaderListener<TName>): void {
    this.listeners.delete(listener);
  }

  /** Ends the loop and drops the connection (cutting a blocked read short). */
  stop(): void {
    this.stopping.abort();
    this.listeners.clear();
    this.markStarted();
    dropConnection(this.connection);
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (this.lastId === null) {
          this.lastId = await newestId(this.deps.redis, this.key);
          this.markStarted();
        }
        this.handOut(await this.read(this.lastId));
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        const delayMs = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 6));
        this.deps.log.warn('stream reader failed; retrying', {
          stream: this.name,
          error: errorText(error),
          retry_in_ms: delayMs,
        });
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async read(after: string) {
    const { readCount, blockMs } = this.deps;
    const args = ['COUNT', readCount, 'BLOCK', blockMs, 'STREAMS', this.key, after];
    return parseReadReply(await this.connection.call('XREAD', ...args), 'XREAD');
  }

  /** Decodes each entry once and hands it to every listener; undecodable entries only move the position. */
  private handOut(raw: { id: string; fields: readonly string[] | Readonly<Record<string, string>> }[]) {
    if (this.stopping.signal.aborted) return;
    for (const entry of raw) {
      this.lastId = entry.id;
      const decoded = decodeEntry(this.name, entry.fields, this.deps.clock.now());
      if (!decoded.ok) {
        this.deps.log.debug('tail skipped an undecodable entry', {
          stream: this.name,
          entry_id: entry.id,
          reason: decoded.reason,
        });
        continue;
      }
      const shared: Entry<TName> = { id: entry.id, stream: this.name, message: decoded.message };
      for (const listener of this.listeners) listener.push(shared);
    }
  }
}

/**
 * The readers of one bus, one per stream while at least one tail uses it. A reader is created by the
 * first tail of its stream and stopped when the last one leaves, so an idle stream holds no connection.
 */
export class StreamReaders {
  private readonly readers = new Map<StreamName, StreamReader<StreamName>>();

  constructor(
    private readonly deps: ReaderDeps,
    closing: AbortSignal,
  ) {
    closing.addEventListener('abort', () => this.stopAll(), { once: true });
  }

  /** The stream's reader, created when it has none; pair each call with {@link release}. */
  acquire<TName extends StreamName>(name: TName): StreamReader<TName> {
    let reader = this.readers.get(name) as StreamReader<TName> | undefined;
    if (reader === undefined) {
      reader = new StreamReader(this.deps, name);
      this.readers.set(name, reader as unknown as StreamReader<StreamName>);
    }
    reader.users += 1;
    return reader;
  }

  release(reader: StreamReader<StreamName>): void {
    reader.users -= 1;
    if (reader.users > 0) return;
    reader.stop();
    if (this.readers.get(reader.name) === reader) this.readers.delete(reader.name);
  }

  /** How many streams hold a reader now. */
  get size(): number {
    return this.readers.size;
  }

  private stopAll(): void {
    for (const reader of this.readers.values()) reader.stop();
    this.readers.clear();
  }
}
