import type { StrategyIntentEvent } from '@gamma/shared';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeMessage } from '../../bus/codec.ts';
import { streamKey } from '../../keys/key-table.ts';

/** Appends one intent to `<prefix>:strategy.intent` as a producer does (validated JSON in `data`). */
export async function publishIntent(
  redis: Redis,
  prefix: string,
  intent: StrategyIntentEvent,
): Promise<string> {
  const id = await redis.xadd(
    streamKey(prefix, 'strategy.intent'),
    '*',
    'data',
    encodeMessage('strategy.intent', intent),
  );
  if (id === null) throw new Error(`XADD of ${intent.intent_id} returned no id`);
  return id;
}

/**
 * Publishes `count` intents at `rate` a second on a steady clock, without waiting for each XADD: while
 * Redis is away the client queues them (like any producer) and they land once it is back. Resolves when
 * every XADD has been answered.
 */
export async function feedIntents(feed: {
  redis: Redis;
  prefix: string;
  count: number;
  rate: number;
  next: (n: number) => StrategyIntentEvent;
}): Promise<void> {
  const startedAt = Date.now();
  const pending: Promise<string>[] = [];
  for (let n = 0; n < feed.count; n += 1) {
    const due = startedAt + (n * 1000) / feed.rate;
    if (due > Date.now()) await sleep(due - Date.now());
    pending.push(publishIntent(feed.redis, feed.prefix, feed.next(n)));
  }
  await Promise.all(pending);
}
