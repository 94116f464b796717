import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { streamKey } from '../../server/src/keys/key-table.ts';
import { BenchChild } from './child.ts';
import { BULL_QUEUE } from './bullmq-worker.ts';
import { appendAll, engineEnv, seedMarket } from './intents.ts';

/** The consumers a bench compares. */
export const VARIANTS = ['bare', 'engine-1', 'engine-2', 'bullmq-c1', 'bullmq-c50'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Where and how a variant runs. */
export interface VariantSetup {
  redis: Redis;
  url: string;
  prefix: string;
  /** Extra node flags of engine processes (`--cpu-prof …`) */
  engineNodeArgs: readonly string[];
}

/** A variant's consumers, started and ready, and how to feed them. */
export interface RunningVariant {
  /** Publishes the `data` fields as intents the way this variant consumes them */
  publish(datas: readonly string[]): Promise<void>;
  /** Stops every process; the ms each took */
  stop(): Promise<number[]>;
}

const workerArgs = (s: VariantSetup, mode: string, concurrency = 1) => [
  ...['--url', s.url, '--prefix', s.prefix, '--mode', mode, '--concurrency', String(concurrency)],
];

async function startEngines(s: VariantSetup, count: number): Promise<BenchChild[]> {
  await seedMarket(s.redis, s.prefix, Date.now());
  return Promise.all(
    Array.from({ length: count }, () =>
      BenchChild.start({
        script: 'server/src/main.ts',
        env: engineEnv(s.url, s.prefix),
        readyLine: '"gamma running"',
        nodeArgs: s.engineNodeArgs,
      }),
    ),
  );
}

const startWorker = (s: VariantSetup, mode: string, concurrency?: number): Promise<BenchChild> =>
  BenchChild.start({
    script: 'bench/lib/worker-main.ts',
    args: workerArgs(s, mode, concurrency),
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    readyLine: 'consumer ready',
  });

const stopAll = (children: BenchChild[]) => Promise.all(children.map(async (c) => (await c.stop()).ms));

/** Starts a variant's consumers on `s.prefix` and waits until they read. */
export async function startVariant(variant: Variant, s: VariantSetup): Promise<RunningVariant> {
  const intents = streamKey(s.prefix, 'strategy.intent');
  if (variant === 'bullmq-c1' || variant === 'bullmq-c50') {
    const worker = await startWorker(s, 'bullmq', variant === 'bullmq-c1' ? 1 : 50);
    const queue = new Queue(BULL_QUEUE, { connection: s.redis, prefix: s.prefix });
    return {
      publish: async (datas) => {
        for (let i = 0; i < datas.length; i += 1_000)
          await queue.addBulk(datas.slice(i, i + 1_000).map((data) => ({ name: 'intent', data: { data } })));
      },
      stop: async () => {
        await queue.close();
        return stopAll([worker]);
      },
    };
  }
  const children =
    variant === 'bare'
      ? [await startWorker(s, 'bare')]
      : await startEngines(s, variant === 'engine-1' ? 1 : 2);
  return { publish: (datas) => appendAll(s.redis, intents, datas), stop: () => stopAll(children) };
}
