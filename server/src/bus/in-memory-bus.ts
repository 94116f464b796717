import type { StreamInput, StreamMessage, StreamName } from '@gamma/shared';
import { systemClock, type Clock } from '../lib/clock.ts';
import type { Bus, Entry, Handler, SubscribeOptions, Subscription, TailOptions } from './bus.ts';
import {
  dataField,
  decodeEntry,
  encodeMessage,
  errorText,
  type EntryFields,
  type RawEntry,
} from './codec.ts';
import { parseEntryId } from './entry-id.ts';
import {
  deadLetterData,
  newGroup,
  type Consumer,
  type Failure,
  type Group,
  type Job,
} from './in-memory-group.ts';
import { InMemoryStream } from './in-memory-stream.ts';
import { assertBusOpen } from './closed-bus.ts';

/** Options of the in-memory bus. */
export interface InMemoryBusOptions {
  /** Reported as `bus.prefix`; default `glm` */
  prefix?: string;
  /** Delivers every entry twice to each group, to prove handlers idempotent */
  deliverTwice?: boolean;
  /** Deliveries before an entry whose handler keeps throwing is dead-lettered (`HANDLER_FAILED`); default 5 */
  maxDeliveries?: number;
  /** Source of entry ids and receipt times; default the wall clock */
  clock?: Clock;
}

/**
 * The bus in memory, with Redis Streams semantics (groups, fan-out, pending and redelivery, dead
 * letters, tails), for unit tests. A handler that throws gets the entry again at once, up to
 * `maxDeliveries` times. `drain()` waits until every subscriber has handled everything.
 */
export class InMemoryBus implements Bus {
  readonly prefix: string;
  private readonly clock: Clock;
  private readonly deliverTwice: boolean;
  private readonly maxDeliveries: number;
  private readonly streams = new Map<StreamName, InMemoryStream>();
  private readonly groups = new Map<string, Group>();
  private readonly pumps = new Set<Promise<void>>();
  private readonly bugs: unknown[] = [];
  private readonly closing = new AbortController();

  constructor(options: InMemoryBusOptions = {}) {
    this.prefix = options.prefix ?? 'glm';
    this.clock = options.clock ?? systemClock;
    this.deliverTwice = options.deliverTwice ?? false;
    this.maxDeliveries = options.maxDeliveries ?? 5;
  }

  async publish<TName extends StreamName>(name: TName, message: StreamInput<TName>): Promise<string> {
    assertBusOpen(this.closing.signal, 'publish to', name);
    return this.append(name, { data: encodeMessage(name, message) });
  }

  /** Appends an entry with arbitrary fields, bypassing validation (to test malformed entries). */
  appendRaw(name: StreamName, fields: EntryFields): string {
    return this.append(name, fields);
  }

  // eslint-disable-next-line max-params -- the Bus interface fixes this signature
  subscribe<TName extends StreamName>(
    name: TName,
    group: string,
    handler: Handler<TName>,
    options: SubscribeOptions = {},
  ): Subscription {
    assertBusOpen(this.closing.signal, 'subscribe to', name);
    const state = this.group(name, group, options.startId ?? '$');
    const consumer: Consumer = { handler: handler as Handler<StreamName>, inFlight: null };
    state.consumers.push(consumer);
    this.schedule(state);
    return {
      close: async () => {
        state.consumers = state.consumers.filter((other) => other !== consumer);
        await consumer.inFlight;
      },
    };
  }

  tail<TName extends StreamName>(name: TName, options: TailOptions): AsyncIterable<Entry<TName>> {
    const stream = this.stream(name);
    if (options.after != null) parseEntryId(options.after);
    // The start is fixed when tail() is called, not when iteration begins: nothing published after the call is lost.
    const start = options.after != null ? stream.indexAfter(options.after) : stream.entries.length;
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.closing.signal])
      : this.closing.signal;
    return this.readFrom(name, start, signal);
  }

  private async *readFrom<TName extends StreamName>(
    name: TName,
    start: number,
    signal: AbortSignal,
  ): AsyncGenerator<Entry<TName>> {
    for await (const raw of this.stream(name).follow(start, signal)) {
      const entry = this.decode(name, raw);
      if (entry) yield entry;
    }
  }

  async latest<TName extends StreamName>(name: TName, count: number): Promise<Entry<TName>[]> {
    const newest = count > 0 ? this.stream(name).entries.slice(-count).reverse() : [];
    return newest.flatMap((raw) => this.decode(name, raw) ?? []);
  }

  /** Every decodable message published on a stream so far, oldest first. */
  published<TName extends StreamName>(name: TName): StreamMessage<TName>[] {
    return this.stream(name).entries.flatMap((raw) => this.decode(name, raw)?.message ?? []);
  }

  /**
   * Resolves when every subscriber has handled every entry published so far, including entries that
   * handlers publish meanwhile. Rejects if the bus itself failed (a bug), never for handler errors.
   */
  async drain(): Promise<void> {
    while (this.pumps.size > 0) await Promise.all([...this.pumps]);
    if (this.bugs.length > 0) throw this.bugs.shift();
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const group of this.groups.values()) group.consumers = [];
    await Promise.all([...this.pumps]);
  }

  private append(name: StreamName, fields: EntryFields): string {
    const id = this.stream(name).append(fields);
    for (const group of this.groups.values()) if (group.stream === name) this.schedule(group);
    return id;
  }

  private decode<TName extends StreamName>(name: TName, raw: RawEntry): Entry<TName> | null {
    const decoded = decodeEntry(name, raw.fields, this.clock.now());
    return decoded.ok ? { id: raw.id, stream: name, message: decoded.message } : null;
  }

  private stream(name: StreamName): InMemoryStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new InMemoryStream(this.clock);
      this.streams.set(name, stream);
    }
    return stream;
  }

  private group(name: StreamName, groupName: string, startId: '$' | '0'): Group {
    const key = JSON.stringify([name, groupName]);
    let group = this.groups.get(key);
    if (!group) {
      const cursor = startId === '0' ? 0 : this.stream(name).entries.length;
      group = newGroup(name, groupName, cursor);
      this.groups.set(key, group);
    }
    return group;
  }

  private hasWork(group: Group): boolean {
    const behind = group.retry.length > 0 || group.cursor < this.stream(group.stream).entries.length;
    return behind && group.consumers.length > 0 && !this.closing.signal.aborted;
  }

  // Runs one pump per group at a time, so a group sees its entries in order, one handler at a time.
  private schedule(group: Group): void {
    if (group.running || !this.hasWork(group)) return;
    const run = Promise.resolve()
      .then(() => this.pump(group))
      .catch((error: unknown) => void this.bugs.push(error))
      .finally(() => {
        group.running = null;
        this.pumps.delete(run);
        // Entries appended while the pump was finishing saw `running` set and did not schedule.
        this.schedule(group);
      });
    group.running = run;
    this.pumps.add(run);
  }

  private async pump(group: Group): Promise<void> {
    while (this.hasWork(group)) {
      const consumer = group.consumers[group.turn % group.consumers.length];
      group.turn += 1;
      const job = group.retry.shift() ?? this.takeNew(group);
      if (!consumer || !job) return;
      consumer.inFlight = this.deliver(group, consumer, job);
      await consumer.inFlight;
      consumer.inFlight = null;
    }
  }

  private takeNew(group: Group): Job | undefined {
    const entry = this.stream(group.stream).entries[group.cursor];
    if (!entry) return undefined;
    group.cursor += 1;
    return { entry, deliveries: 0, duplicate: false };
  }

  private async deliver(group: Group, consumer: Consumer, job: Job): Promise<void> {
    const decoded = decodeEntry(group.stream, job.entry.fields, this.clock.now());
    if (!decoded.ok) return this.deadLetter(group, job.entry.id, decoded);
    job.deliveries += 1;
    try {
      await consumer.handler(decoded.message, { id: job.entry.id });
    } catch (error) {
      if (job.deliveries < this.maxDeliveries) {
        group.retry.unshift(job);
        return;
      }
      const raw = dataField(job.entry.fields) ?? '';
      return this.deadLetter(group, job.entry.id, { reason: 'HANDLER_FAILED', error: errorText(error), raw });
    }
    if (this.deliverTwice && !job.duplicate)
      group.retry.unshift({ entry: job.entry, deliveries: 0, duplicate: true });
  }

  private deadLetter(group: Group, entryId: string, failure: Failure): void {
    this.append('dlq', { data: deadLetterData(group, { id: entryId, failure }, this.clock.now()) });
  }
}
