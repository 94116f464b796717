import type { StreamMessage, StreamName } from '@gamma/shared';
import type { RedisClient } from '../bus/redis.ts';
import { setTimeout as delay } from 'node:timers/promises';
import type { Bus, Entry } from '../bus/bus.ts';
import { decodeEntry } from '../bus/codec.ts';
import type { RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { streamKey } from '../keys/key-table.ts';

/** How long {@link waitForGroups} waits for every consumer group to exist. */
const GROUPS_READY_MS = 10_000;

/** Raw writes and decoded reads of a test prefix's streams, for producers and assertions. */
export interface StreamAccess {
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
}

/** The (stream, group) pairs subscribed on a {@link recordingBus}. */
export type Groups = Map<string, { name: StreamName; group: string }>;

/** The bus, remembering each (stream, group) subscribed so the stack can wait for the groups. */
export const recordingBus = (inner: RedisStreamsBus, groups: Groups): Bus => ({
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
async function groupFields(redis: RedisClient, key: string, group: string): Promise<unknown[] | undefined> {
  const info = (await redis.xinfo('GROUPS', key).catch(() => [])) as unknown[][];
  return info.find((fields) => fields[1] === group);
}

/** Resolves once every subscribed group exists in Redis (XGROUP CREATE runs in each consumer's loop). */
export async function waitForGroups(redis: RedisClient, prefix: string, groups: Groups): Promise<void> {
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
export function streamAccess(redis: RedisClient, prefix: string): StreamAccess {
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
