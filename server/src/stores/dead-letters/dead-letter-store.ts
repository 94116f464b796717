import type { DeadLetterHandling } from '@gamma/shared';
import type { RedisClient } from '../../bus/redis.ts';
import type { Bus } from '../../bus/bus.ts';
import { compareEntryIds } from '../../bus/entry-id.ts';
import type { EntryFields } from '../../bus/codec.ts';
import { InfrastructureError } from '../../errors/index.ts';
import { keyTable } from '../../keys/key-table.ts';

/** A stored `dlq` entry, not yet decoded. */
export interface StoredDeadLetter {
  id: string;
  fields: EntryFields;
}

/**
 * The dead letters (entries of the `dlq` stream) and how admins handled them: one handling per letter,
 * first writer wins, so two admins requeueing one letter at once publish it once.
 */
export interface DeadLetterStore {
  /** The newest `limit` dlq entries, newest first, only those older than `before` when given */
  page(options: { limit: number; before?: string | undefined }): Promise<StoredDeadLetter[]>;
  /** One dlq entry by id, or null when the stream has no such entry (never was, or trimmed) */
  find(id: string): Promise<StoredDeadLetter | null>;
  /**
   * Records `handling` for `id` unless the letter has one already: null when this call recorded it, else
   * the handling recorded before (atomic: of two concurrent claims exactly one gets null).
   */
  claim(id: string, handling: DeadLetterHandling): Promise<DeadLetterHandling | null>;
  /** Overwrites the handling this caller claimed (a requeue adds its new entry id) */
  settle(id: string, handling: DeadLetterHandling): Promise<void>;
  /** Removes a claimed handling again (the requeue's publish failed: the letter is unhandled) */
  release(id: string): Promise<void>;
  /** The handlings of `ids` that have one */
  handlings(ids: readonly string[]): Promise<Map<string, DeadLetterHandling>>;
}

const parseHandling = (raw: string | null | undefined): DeadLetterHandling | null =>
  raw === null || raw === undefined ? null : (JSON.parse(raw) as DeadLetterHandling);

/**
 * The dead letters in Redis: the `<prefix>:dlq` stream (read only) and the handlings in the hash
 * `<prefix>:dlq_handled` (dlq entry id → handling JSON), claimed with HSETNX.
 */
export function createRedisDeadLetterStore(redis: RedisClient, prefix: string): DeadLetterStore {
  const keys = keyTable(prefix);
  const stream = keys.stream('dlq');
  const handled = keys.deadLettersHandled();
  return {
    async page({ limit, before }) {
      const rows = await redis.xrevrange(
        stream,
        before === undefined ? '+' : `(${before}`,
        '-',
        'COUNT',
        limit,
      );
      return rows.map(([id, fields]) => ({ id, fields }));
    },
    async find(id) {
      const [row] = await redis.xrange(stream, id, id);
      return row === undefined ? null : { id: row[0], fields: row[1] };
    },
    async claim(id, handling) {
      // MULTI: the HGET sees the HSETNX's outcome and nothing between them
      const replies = await redis
        .multi()
        .hsetnx(handled, id, JSON.stringify(handling))
        .hget(handled, id)
        .exec();
      const [setReply, getReply] = replies ?? [];
      const failed = setReply?.[0] ?? getReply?.[0];
      if (failed) throw failed;
      if (setReply === undefined) throw new InfrastructureError('the dead-letter claim (MULTI) was aborted');
      return setReply[1] === 1 ? null : parseHandling(getReply?.[1] as string | null);
    },
    async settle(id, handling) {
      await redis.hset(handled, id, JSON.stringify(handling));
    },
    async release(id) {
      await redis.hdel(handled, id);
    },
    async handlings(ids) {
      const found = new Map<string, DeadLetterHandling>();
      if (ids.length === 0) return found;
      const raws = await redis.hmget(handled, ...ids);
      ids.forEach((id, i) => {
        const handling = parseHandling(raws[i]);
        if (handling !== null) found.set(id, handling);
      });
      return found;
    },
  };
}

/** How many dlq entries the in-memory twin looks through (its bus keeps the stream in memory). */
const MEMORY_SCAN = 100_000;

/** The dead letters in memory: the `dlq` stream of `bus`, handlings in a map. */
export function createMemoryDeadLetterStore(bus: Bus): DeadLetterStore {
  const handled = new Map<string, string>();
  const all = async (): Promise<StoredDeadLetter[]> =>
    (await bus.latest('dlq', MEMORY_SCAN)).map((e) => ({
      id: e.id,
      fields: { data: JSON.stringify(e.message) },
    }));
  return {
    async page({ limit, before }) {
      const entries = await all();
      return entries.filter((e) => before === undefined || compareEntryIds(e.id, before) < 0).slice(0, limit);
    },
    async find(id) {
      return (await all()).find((e) => e.id === id) ?? null;
    },
    claim(id, handling) {
      const before = handled.get(id);
      if (before === undefined) handled.set(id, JSON.stringify(handling));
      return Promise.resolve(parseHandling(before));
    },
    settle(id, handling) {
      handled.set(id, JSON.stringify(handling));
      return Promise.resolve();
    },
    release(id) {
      handled.delete(id);
      return Promise.resolve();
    },
    handlings(ids) {
      const found = new Map<string, DeadLetterHandling>();
      for (const id of ids) {
        const handling = parseHandling(handled.get(id));
        if (handling !== null) found.set(id, handling);
      }
      return Promise.resolve(found);
    },
  };
}
