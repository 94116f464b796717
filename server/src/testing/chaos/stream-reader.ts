import type { StreamMessage, StreamName } from '@gamma/shared';
import type { Redis } from 'ioredis';
import { decodeEntry } from '../../bus/codec.ts';
import { streamKey } from '../../keys/key-table.ts';

/** A decoded entry with the Redis time it was appended (the ms part of its id). */
export interface TimedEntry<TName extends StreamName> {
  id: string;
  ms: number;
  message: StreamMessage<TName>;
}

const PAGE = 2_000;

/** The ms part of a stream entry id. */
export const entryMs = (id: string): number => Number(id.slice(0, id.indexOf('-')));

/** Every decodable entry of a stream, oldest first, read in pages. */
export async function readStream<TName extends StreamName>(
  redis: Redis,
  prefix: string,
  name: TName,
): Promise<TimedEntry<TName>[]> {
  const key = streamKey(prefix, name);
  const out: TimedEntry<TName>[] = [];
  let start = '-';
  for (;;) {
    const page = await redis.xrange(key, start, '+', 'COUNT', PAGE);
    for (const [id, fields] of page) {
      const decoded = decodeEntry(name, fields, Date.now());
      if (decoded.ok) out.push({ id, ms: entryMs(id), message: decoded.message });
    }
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return out;
    start = `(${last[0]}`;
  }
}

/** Pending entries and lag of one consumer group, or null when the group does not exist. */
export async function groupBacklog(
  redis: Redis,
  key: string,
  group: string,
): Promise<{ pending: number; lag: number } | null> {
  const groups = (await redis.xinfo('GROUPS', key).catch(() => [])) as unknown[][];
  const fields = groups.find((g) => g[1] === group);
  if (fields === undefined) return null;
  const field = (name: string): unknown => fields[fields.indexOf(name) + 1];
  const lag = field('lag');
  return { pending: Number(field('pending')), lag: typeof lag === 'number' ? lag : 0 };
}
