import type { Redis } from 'ioredis';

/** The ms part of a stream entry id. */
export const entryMs = (id: string): number => Number(id.slice(0, id.indexOf('-')));

/** The ms of the first and last entries of a stream (null when empty). */
export async function streamSpan(
  redis: Redis,
  key: string,
): Promise<{ firstMs: number; lastMs: number } | null> {
  const [first] = await redis.xrange(key, '-', '+', 'COUNT', 1);
  const [last] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  if (first === undefined || last === undefined) return null;
  return { firstMs: entryMs(first[0]), lastMs: entryMs(last[0]) };
}
