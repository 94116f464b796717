import type { RawEntry } from './codec.ts';
import { InfrastructureError } from '../errors/index.ts';

/** The reply could not be read as stream entries: Redis answered something unexpected. */
const unexpected = (what: string, reply: unknown): InfrastructureError =>
  new InfrastructureError(`Unexpected Redis reply to ${what}: ${JSON.stringify(reply)?.slice(0, 200)}`);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Entries as Redis returns them: `[[id, [field, value, …]], …]`. An entry whose fields are nil
 * (deleted while pending, Redis 6.2 XAUTOCLAIM) comes back with `fields: null`.
 */
export function parseEntries(reply: unknown, what: string): (RawEntry | { id: string; fields: null })[] {
  if (!Array.isArray(reply)) throw unexpected(what, reply);
  return reply.map((item: unknown) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string') throw unexpected(what, reply);
    const [id, fields] = item as [string, unknown];
    if (fields === null) return { id, fields: null };
    if (!isStringArray(fields)) throw unexpected(what, reply);
    return { id, fields };
  });
}

/** The entries of the single stream read by `XREAD`/`XREADGROUP … STREAMS <key> <id>`; nil (timeout) is none. */
export function parseReadReply(reply: unknown, what: string): RawEntry[] {
  if (reply === null) return [];
  if (!Array.isArray(reply)) throw unexpected(what, reply);
  return reply.flatMap((stream: unknown) => {
    if (!Array.isArray(stream) || stream.length < 2) throw unexpected(what, reply);
    return parseEntries(stream[1], what).filter((entry): entry is RawEntry => entry.fields !== null);
  });
}

/** `XAUTOCLAIM` → the next cursor and the claimed entries (Redis ≥ 6.2). */
export function parseAutoClaimReply(reply: unknown): {
  next: string;
  entries: ReturnType<typeof parseEntries>;
} {
  if (!Array.isArray(reply) || typeof reply[0] !== 'string') throw unexpected('XAUTOCLAIM', reply);
  return { next: reply[0], entries: parseEntries(reply[1], 'XAUTOCLAIM') };
}

/** `XPENDING key group id id 1` → how often that entry has been delivered (0 when no longer pending). */
export function parseDeliveryCount(reply: unknown): number {
  if (!Array.isArray(reply)) throw unexpected('XPENDING', reply);
  const first: unknown = reply[0];
  if (first === undefined) return 0;
  if (!Array.isArray(first) || typeof first[3] !== 'number') throw unexpected('XPENDING', reply);
  return first[3];
}

/** Redis error replies that mean the group (or its stream) is gone: re-create the group. */
export const isNoGroupError = (error: unknown): boolean =>
  error instanceof Error && /NOGROUP|no longer exists/i.test(error.message);

/** Redis answers BUSYGROUP when the group already exists: fine. */
export const isBusyGroupError = (error: unknown): boolean =>
  error instanceof Error && error.message.includes('BUSYGROUP');
