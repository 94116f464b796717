import type { StreamInput, StreamMessage, StreamName } from '@gamma/shared';

/** A decoded stream entry. */
export interface Entry<TName extends StreamName> {
  /** Redis stream entry id, e.g. `1772442904120-0` */
  id: string;
  stream: TName;
  message: StreamMessage<TName>;
}

/** A handler of one stream's messages; a throw leaves the entry pending (redelivered later). */
export type Handler<TName extends StreamName> = (
  message: StreamMessage<TName>,
  entry: { id: string },
) => Promise<void> | void;

/** A running consumer; `close()` stops reading, lets the in-flight batch finish and ack. */
export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Where a new group starts: `$` (default, new entries only) or `0` (whole stream: the audit recorder) */
  startId?: '$' | '0';
  /**
   * How many entries the handler may work on at once (default 1: strictly in stream order, one read at a
   * time). Above 1 the subscription keeps reading while handlers run, up to this many in flight. Only for
   * handlers whose effects do not depend on order, such as the audit recorder's idempotent inserts.
   */
  concurrency?: number;
}

export interface TailOptions {
  /** Yield entries strictly after this id; absent → only entries published from now on */
  after?: string | null;
  /** Stops the tail */
  signal?: AbortSignal;
}

/**
 * The event bus (Redis Streams in production). Services depend on this interface only.
 * @see SPEC §2 for groups, acks, reclaim and dead letters.
 */
export interface Bus {
  /** The stream prefix (`glm` by default) */
  readonly prefix: string;
  /** Validates the message against its stream's schema, then appends it; returns the entry id. Throws on an invalid message (a producer bug). */
  publish<TName extends StreamName>(name: TName, message: StreamInput<TName>): Promise<string>;
  /** Consumes a stream in a consumer group: read with `>`, decode, dead-letter bad entries, ack after the handler. */
  subscribe<TName extends StreamName>(
    name: TName,
    group: string,
    handler: Handler<TName>,
    options?: SubscribeOptions,
  ): Subscription;
  /** Reads a stream without a group (no acks): backfill after `after`, then live. Bad entries are skipped. */
  tail<TName extends StreamName>(name: TName, options: TailOptions): AsyncIterable<Entry<TName>>;
  /** The newest `count` decoded entries, newest first (read-model warm-up). */
  latest<TName extends StreamName>(name: TName, count: number): Promise<Entry<TName>[]>;
  /** Stops every subscription and closes connections. */
  close(): Promise<void>;
}
