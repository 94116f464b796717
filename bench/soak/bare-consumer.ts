import { Redis } from 'ioredis';
import { STREAMS } from '@gamma/shared';

/**
 * The soak's reference process: a bare ioredis consumer of the same intents in a group of its own
 * (XREADGROUP 500 → JSON.parse + the intent schema → 2 XADD → XACK, pipelined per batch), so Gamma's RSS
 * over the run sits beside a loop that keeps no state at all. Args: redis url, stream prefix.
 */
const [url, prefix] = process.argv.slice(2);
if (url === undefined || prefix === undefined) throw new Error('usage: bare-consumer <redis-url> <prefix>');
const redis = new Redis(url, { maxRetriesPerRequest: null });
const stream = `${prefix}:strategy.intent`;
const group = 'soak-bare';
const out = `${prefix}:soak.bare`;
await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM').catch(() => undefined);
// A stop ends the process at once: a blocked read would otherwise wait for a Redis that may be gone
process.on('SIGTERM', () => {
  redis.disconnect();
  process.exit(0);
});
for (;;) {
  const reply = (await redis.xreadgroup(
    'GROUP',
    group,
    'c1',
    'COUNT',
    500,
    'BLOCK',
    1000,
    'STREAMS',
    stream,
    '>',
  )) as [string, [string, string[]][]][] | null;
  const entries = reply?.[0]?.[1] ?? [];
  if (entries.length === 0) continue;
  const batch = redis.pipeline();
  for (const [id, fields] of entries) {
    const message = STREAMS['strategy.intent'].parse(JSON.parse(fields[1] ?? '{}'));
    batch.xadd(out, 'MAXLEN', '~', 1000, '*', 'data', JSON.stringify({ intent_id: message.intent_id }));
    batch.xadd(out, 'MAXLEN', '~', 1000, '*', 'data', JSON.stringify({ status: 'seen' }));
    batch.xack(stream, group, id);
  }
  await batch.exec();
}
