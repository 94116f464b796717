import { setTimeout as sleep } from 'node:timers/promises';
import { createIntentDecision, createStrategyIntent } from '@gamma/shared/testing';
import { Redis } from 'ioredis';
import { encodeMessage } from '../../server/src/bus/codec.ts';

/**
 * The fan-out bench's feed, a process of its own so the subscribers' load does not slow it: `rate` events a
 * second for `seconds`, alternately an intent on `<prefix>:strategy.intent` and a decision on
 * `<prefix>:intent.decision`, paced every 5 ms and pipelined per tick (payloads encoded once up front).
 * Reports `{ published, seconds }` over IPC when done, then exits. Args: redis url, prefix, rate, seconds.
 */
const [url, prefix, rateArg, secondsArg] = process.argv.slice(2);
if (url === undefined || prefix === undefined)
  throw new Error('usage: publisher-process <url> <prefix> <rate> <s>');
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const POOL = 200;
const intents = Array.from({ length: POOL }, () => createStrategyIntent());
const payloads = {
  intent: intents.map((intent) => encodeMessage('strategy.intent', intent)),
  decision: intents.map((intent) =>
    encodeMessage('intent.decision', createIntentDecision({ intent_id: intent.intent_id })),
  ),
};
const keys = { intent: `${prefix}:strategy.intent`, decision: `${prefix}:intent.decision` };
const redis = new Redis(url, { maxRetriesPerRequest: null });
const total = Math.round(rate * seconds);
const startedAt = performance.now();
let sent = 0;
while (sent < total) {
  const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate));
  if (due > sent) {
    const pipeline = redis.pipeline();
    for (; sent < due; sent += 1) {
      const kind = sent % 2 === 0 ? 'intent' : 'decision';
      pipeline.xadd(keys[kind], '*', 'data', payloads[kind][sent % POOL] ?? '');
    }
    await pipeline.exec();
  }
  await sleep(5);
}
const elapsedS = (performance.now() - startedAt) / 1000;
redis.disconnect();
process.send?.({ published: sent, seconds: elapsedS }, () => process.exit(0));
