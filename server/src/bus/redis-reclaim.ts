import type { StreamConsumer } from './redis-consumer.ts';
import { parseAutoClaimReply, parseDeliveryCount, parseEntries } from './redis-replies.ts';
import { dataField } from './codec.ts';

/** Upper bound of XAUTOCLAIM pages per round, so one round cannot starve new entries. */
const MAX_PAGES = 20;

/**
 * Claims entries of the group idle longer than `claimIdleMs` (their consumer died or its handler
 * threw) and handles them again. An entry delivered more than `maxDeliveries` times goes to the
 * dead-letter stream with HANDLER_FAILED and is acked instead.
 */
export async function reclaimPending(consumer: StreamConsumer): Promise<void> {
  const { redis, group, readCount, claimIdleMs, maxDeliveries } = consumer.config;
  let cursor = '0-0';
  for (let page = 0; page < MAX_PAGES && !consumer.isStopped; page += 1) {
    const reply = await redis.call(
      'XAUTOCLAIM',
      consumer.key,
      group,
      consumer.config.consumer,
      claimIdleMs,
      cursor,
      'COUNT',
      readCount,
    );
    const { next, entries } = parseAutoClaimReply(reply);
    for (const entry of entries) {
      if (entry.fields === null) {
        await redis.xack(consumer.key, group, entry.id);
        continue;
      }
      // XAUTOCLAIM has just counted this delivery, so the handler has already run deliveries - 1 times.
      const deliveries = parseDeliveryCount(await redis.xpending(consumer.key, group, entry.id, entry.id, 1));
      if (deliveries === 0) continue; // Acked meanwhile by its previous consumer.
      if (deliveries > maxDeliveries) {
        const error = consumer.failures.get(entry.id) ?? `handler failed on ${deliveries - 1} deliveries`;
        await consumer.deadLetter(entry.id, {
          reason: 'HANDLER_FAILED',
          error,
          raw: dataField(entry.fields) ?? '',
        });
      } else {
        await consumer.handle({ id: entry.id, fields: entry.fields });
      }
    }
    if (next === '0-0') return;
    cursor = next;
  }
}

/** The entries of an `XREADGROUP … STREAMS <key> <id>` reply, deleted ones (fields null) included. */
const historyEntries = (reply: unknown): ReturnType<typeof parseEntries> => {
  if (!Array.isArray(reply)) return [];
  const stream: unknown = reply[0];
  return Array.isArray(stream) ? parseEntries(stream[1], 'XREADGROUP') : [];
};

/**
 * Handles again every entry pending under this consumer's own name (`XREADGROUP` from id 0 reads its
 * pending list): after a reconnection, a read that Redis answered while the connection dropped left its
 * entries there, and without this they would wait `claimIdleMs` plus a reclaim round. Handlers are
 * idempotent, so an entry that was in fact handled and whose ack was lost is only acked.
 */
export async function handleOwnPending(consumer: StreamConsumer): Promise<void> {
  const { redis, group, readCount } = consumer.config;
  let after = '0';
  for (let page = 0; page < MAX_PAGES && !consumer.isStopped; page += 1) {
    const args = [
      'GROUP',
      group,
      consumer.config.consumer,
      'COUNT',
      readCount,
      'STREAMS',
      consumer.key,
      after,
    ];
    const entries = historyEntries(await redis.call('XREADGROUP', ...args));
    for (const entry of entries) {
      if (entry.fields === null) await redis.xack(consumer.key, group, entry.id);
      else await consumer.handle({ id: entry.id, fields: entry.fields });
    }
    const last = entries.at(-1);
    if (last === undefined || entries.length < readCount) return;
    after = last.id;
  }
}
