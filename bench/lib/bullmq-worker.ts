import { StrategyIntentEventSchema } from '@gamma/shared';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { streamKey } from '../../server/src/keys/key-table.ts';
import { outputsOf } from './bare-loop.ts';

/** The BullMQ queue of a bench run. */
export const BULL_QUEUE = 'bench-intents';

/**
 * BullMQ workers doing the bare loop's work per job: JSON.parse + the intent's zod schema, then the two
 * XADDs (decision, order command) on `output`; BullMQ itself completes (acks) the job.
 */
export function startBullWorkers(
  options: { url: string; prefix: string; concurrency: number },
  output: Redis,
): Worker {
  const decisions = streamKey(options.prefix, 'intent.decision');
  const orders = streamKey(options.prefix, 'order.command');
  return new Worker(
    BULL_QUEUE,
    async (job) => {
      const intent = StrategyIntentEventSchema.parse(JSON.parse((job.data as { data: string }).data));
      const [decision, order] = outputsOf(intent, Date.now());
      await output.pipeline().xadd(decisions, '*', 'data', decision).xadd(orders, '*', 'data', order).exec();
    },
    {
      connection: { url: options.url, maxRetriesPerRequest: null },
      prefix: options.prefix,
      concurrency: options.concurrency,
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 0 },
    },
  );
}
