import type { StreamName } from '@gamma/shared';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Entry, TailOptions } from './bus.ts';
import { decodeEntry, errorText, type RawEntry } from './codec.ts';
import { parseEntryId } from './entry-id.ts';
import { streamKey } from '../keys/key-table.ts';
import { dropConnection, logConnectionErrors } from './redis.ts';
import { parseEntries, parseReadReply } from './redis-replies.ts';

/** What a tail needs from its bus. */
export interface TailDeps {
  /** The bus' command connection (also used to publish, which orders the start id before later publishes) */
  redis: Redis;
  prefix: string;
  readCount: number;
  blockMs: number;
  log: Logger;
  clock: Clock;
  /** Aborted when the bus closes */
  closing: AbortSignal;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * Reads a stream without a group (SPEC §2 Tails): `XREAD` from the last id seen, starting at `after`
 * or at the stream's newest id at call time, so backfill and live reading are one loop with no gap
 * and no repeat. Undecodable entries are skipped. Each tail holds its own connection while iterated.
 * @throws Error at once when `after` is not an entry id.
 */
export function tailStream<TName extends StreamName>(
  deps: TailDeps,
  name: TName,
  options: TailOptions,
): AsyncIterable<Entry<TName>> {
  const key = streamKey(deps.prefix, name);
  const after = options.after;
  if (after != null) parseEntryId(after);
  // Asked now, not when iteration starts: entries published after this call are never skipped.
  const start = after != null ? Promise.resolve(after) : newestId(deps.redis, key);
  start.catch(() => undefined);
  const signal = options.signal ? AbortSignal.any([options.signal, deps.closing]) : deps.closing;
  return readFrom(deps, { name, key, start, signal });
}

async function newestId(redis: Redis, key: string): Promise<string> {
  const [newest] = parseEntries(await redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1), 'XREVRANGE');
  return newest?.id ?? '0-0';
}

interface TailState<TName extends StreamName> {
  name: TName;
  key: string;
  start: Promise<string>;
  signal: AbortSignal;
}

async function* readFrom<TName extends StreamName>(
  deps: TailDeps,
  state: TailState<TName>,
): AsyncGenerator<Entry<TName>> {
  const { name, key, signal } = state;
  let lastId: string;
  try {
    lastId = await state.start;
  } catch (error) {
    // The bus closed before Redis told the newest id: the tail simply ends.
    if (signal.aborted) return;
    throw error;
  }
  const connection = deps.redis.duplicate();
  logConnectionErrors(connection, deps.log);
  // Cuts a blocked XREAD short when the tail is aborted.
  const cut = (): void => dropConnection(connection);
  signal.addEventListener('abort', cut, { once: true });
  let failures = 0;
  try {
    while (!signal.aborted) {
      let entries;
      try {
        entries = await readAfter(connection, deps, { key, lastId });
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        const delayMs = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 6));
        deps.log.warn('tail read failed; retrying', {
          stream: name,
          error: errorText(error),
          retry_in_ms: delayMs,
        });
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
        continue;
      }
      for (const entry of entries) {
        lastId = entry.id;
        const decoded = decodeEntry(name, entry.fields, deps.clock.now());
        if (decoded.ok) yield { id: entry.id, stream: name, message: decoded.message };
        else
          deps.log.debug('tail skipped an undecodable entry', {
            stream: name,
            entry_id: entry.id,
            reason: decoded.reason,
          });
        if (signal.aborted) return;
      }
    }
  } finally {
    signal.removeEventListener('abort', cut);
    dropConnection(connection);
  }
}

/** One XREAD of `key` after `lastId`, blocking up to `deps.blockMs`. */
async function readAfter(
  connection: Redis,
  deps: TailDeps,
  at: { key: string; lastId: string },
): Promise<RawEntry[]> {
  const reply = await connection.call(
    'XREAD',
    'COUNT',
    deps.readCount,
    'BLOCK',
    deps.blockMs,
    'STREAMS',
    at.key,
    at.lastId,
  );
  return parseReadReply(reply, 'XREAD');
}
